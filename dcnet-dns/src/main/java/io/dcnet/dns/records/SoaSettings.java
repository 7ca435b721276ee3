package io.dcnet.dns.records;

import java.util.Objects;

/**
 * The SOA/NS parameters of an authoritative zone, as Mesos-DNS serves them.
 *
 * @param domain the zone, lower case, no trailing dot (e.g. {@code mesos})
 * @param mname SOA mname and NS target, with trailing dot (e.g. {@code ns1.mesos.})
 * @param rname SOA rname, with trailing dot (e.g. {@code root.ns1.mesos.})
 * @param ttl TTL of every served record and the SOA minimum
 * @param refresh SOA refresh seconds
 * @param retry SOA retry seconds
 * @param expire SOA expire seconds
 */
public record SoaSettings(
    String domain, String mname, String rname, long ttl, long refresh, long retry, long expire) {
  public SoaSettings {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(mname, "mname");
    Objects.requireNonNull(rname, "rname");
  }
}
