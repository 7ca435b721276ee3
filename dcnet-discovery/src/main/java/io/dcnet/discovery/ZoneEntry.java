package io.dcnet.discovery;

import io.dcnet.core.dns.ZoneRecord;
import java.util.Objects;

/**
 * One record value under one owner name (lower case, fully qualified, no trailing dot).
 *
 * <p>Thread-safe: immutable.
 */
public record ZoneEntry(String name, ZoneRecord record) {
  public ZoneEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(record, "record");
  }
}
