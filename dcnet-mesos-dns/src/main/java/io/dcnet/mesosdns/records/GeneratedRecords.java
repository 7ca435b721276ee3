package io.dcnet.mesosdns.records;

import io.dcnet.dns.records.RecordSet;
import java.util.Objects;

/**
 * The output of one {@link RecordGenerator#generate} call.
 *
 * <p>Immutable; safe to share between threads.
 */
public record GeneratedRecords(RecordSet records, Enumeration enumeration) {
  public GeneratedRecords {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(enumeration, "enumeration");
  }
}
