package io.dcnet.daemon.node;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON form of a zone in the replicated state ({@code dns/zones/<zone>}, field = the writing
 * master's node id). Readers take the entry with the newest {@code publishedAtMillis}.
 *
 * <p>Immutable; thread-safe.
 *
 * @param zone the zone name, e.g. {@code dcos.thisdcos.directory}
 * @param publishedAtMillis wall-clock time of the publish (epoch ms)
 * @param records owner name → record values
 */
public record PublishedZone(String zone, long publishedAtMillis, Map<String, List<Value>> records) {

  /**
   * One record value: {@code type} is {@code A}, {@code AAAA}, {@code SRV} or {@code CNAME}; {@code
   * value} the IP or target; priority, weight and port only for SRV (else 0).
   */
  public record Value(String type, String value, int priority, int weight, int port) {}

  public PublishedZone {
    Objects.requireNonNull(zone, "zone");
    records = records == null ? Map.of() : Map.copyOf(records);
  }

  /** Converts a zone for publishing at {@code nowMillis}. */
  public static PublishedZone of(DnsZone zone, long nowMillis) {
    Map<String, List<Value>> out = new LinkedHashMap<>();
    zone.records()
        .forEach(
            (name, values) -> {
              List<Value> vs = new ArrayList<>(values.size());
              for (ZoneRecord r : values) {
                vs.add(
                    switch (r) {
                      case ZoneRecord.A a -> new Value("A", a.ip(), 0, 0, 0);
                      case ZoneRecord.Aaaa a -> new Value("AAAA", a.ip(), 0, 0, 0);
                      case ZoneRecord.Srv s ->
                          new Value("SRV", s.target(), s.priority(), s.weight(), s.port());
                      case ZoneRecord.Cname c -> new Value("CNAME", c.target(), 0, 0, 0);
                    });
              }
              out.put(name, vs);
            });
    return new PublishedZone(zone.name(), nowMillis, out);
  }

  /** Back to a {@link DnsZone}; values of an unknown type are skipped (a newer writer). */
  public DnsZone toZone() {
    Map<String, List<ZoneRecord>> out = new LinkedHashMap<>();
    records.forEach(
        (name, values) -> {
          List<ZoneRecord> rs = new ArrayList<>(values.size());
          for (Value v : values) {
            ZoneRecord r =
                switch (v.type()) {
                  case "A" -> new ZoneRecord.A(v.value());
                  case "AAAA" -> new ZoneRecord.Aaaa(v.value());
                  case "SRV" -> new ZoneRecord.Srv(v.priority(), v.weight(), v.port(), v.value());
                  case "CNAME" -> new ZoneRecord.Cname(v.value());
                  default -> null;
                };
            if (r != null) {
              rs.add(r);
            }
          }
          out.put(name, rs);
        });
    return new DnsZone(zone, out);
  }
}
