package io.dcnet.mesosdns.records;

import io.dcnet.dns.records.RecordSet;
import java.time.Instant;
import java.util.Objects;

/**
 * The result of one successful refresh: the records, the enumeration data and the SOA serial (Unix
 * seconds of the refresh). Swapped in atomically by the refresh loop; read by the DNS and HTTP
 * listeners.
 *
 * <p>Immutable; safe to share between threads.
 */
public record MesosDnsSnapshot(
    RecordSet records, Enumeration enumeration, long serial, Instant refreshedAt) {
  public MesosDnsSnapshot {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(enumeration, "enumeration");
    Objects.requireNonNull(refreshedAt, "refreshedAt");
  }
}
