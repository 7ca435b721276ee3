package io.dcnet.dns.mesos;

import io.dcnet.dns.records.RecordSet;
import io.dcnet.dns.records.SoaSettings;
import java.util.Objects;

/**
 * What {@link MesosAuthority} answers from: the current records, the SOA serial (Unix seconds of
 * the last successful refresh) and the SOA settings. A refresh publishes a new view.
 *
 * <p>Immutable; thread-safe.
 */
public record AuthorityView(RecordSet records, long serial, SoaSettings soa) {
  public AuthorityView {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(soa, "soa");
  }
}
