package io.dcnet.nodedns.zone;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.core.net.IpLiterals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Every zone the node DNS answers: the pushed zones (dcos, mesos, l4lb, thisnode... swapped
 * atomically by others), the custom CNAME zones of the config and the static local zones {@code
 * spartan}, {@code localhost} and {@code zk} (spec §2.4). The combined map is rebuilt only when the
 * pushed map or the master list is a different instance, so {@link InternalAuthority} can index it
 * once per change.
 *
 * <p>Thread-safe: the last result is published through a volatile.
 */
public final class NodeZones implements Supplier<Map<String, DnsZone>> {
  /** The A record of {@code ns.spartan}. */
  public static final String NS_SPARTAN_IP = "198.51.100.1";

  private record Combined(
      Map<String, DnsZone> pushed, List<String> masters, Map<String, DnsZone> result) {}

  private final Supplier<Map<String, DnsZone>> pushed;
  private final Map<String, DnsZone> custom;
  private final Supplier<List<String>> masterIps;
  private volatile Combined last;

  /**
   * @param pushed replicated zones by name; may return null (none yet)
   * @param custom the config's custom zones
   * @param masterIps the masters' IPs (literals) for {@code zk-1..zk-5.zk}; may return null
   */
  public NodeZones(
      Supplier<Map<String, DnsZone>> pushed,
      Map<String, DnsZone> custom,
      Supplier<List<String>> masterIps) {
    this.pushed = Objects.requireNonNull(pushed, "pushed");
    this.custom = Map.copyOf(custom);
    this.masterIps = Objects.requireNonNull(masterIps, "masterIps");
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // identity: rebuild only when a new instance is published
  public Map<String, DnsZone> get() {
    Map<String, DnsZone> p = pushed.get();
    List<String> m = masterIps.get();
    Combined c = last;
    if (c == null || c.pushed() != p || c.masters() != m) {
      c = new Combined(p, m, combine(p, m));
      last = c;
    }
    return c.result();
  }

  private Map<String, DnsZone> combine(Map<String, DnsZone> p, List<String> masters) {
    Map<String, DnsZone> out = new LinkedHashMap<>();
    if (p != null) {
      p.values().forEach(z -> out.put(z.name(), z));
    }
    custom.values().forEach(z -> out.put(z.name(), z));
    for (DnsZone z : staticZones(masters == null ? List.of() : masters)) {
      out.put(z.name(), z);
    }
    return Map.copyOf(out);
  }

  /** {@code spartan}, {@code localhost} and {@code zk} for the given masters. */
  public static List<DnsZone> staticZones(List<String> masters) {
    DnsZone spartan =
        new DnsZone(
            "spartan",
            Map.of(
                "ready.spartan", List.of(new ZoneRecord.A("127.0.0.1")),
                "ns.spartan", List.of(new ZoneRecord.A(NS_SPARTAN_IP))));
    DnsZone localhost =
        new DnsZone("localhost", Map.of("localhost", List.of(new ZoneRecord.A("127.0.0.1"))));
    Map<String, List<ZoneRecord>> zk = new LinkedHashMap<>();
    if (!masters.isEmpty()) {
      for (int i = 1; i <= 5; i++) {
        String ip = masters.get((i - 1) % masters.size());
        ZoneRecord r =
            IpLiterals.parse(ip).map(IpLiterals::isV6).orElse(false)
                ? new ZoneRecord.Aaaa(ip)
                : new ZoneRecord.A(ip);
        zk.put("zk-" + i + ".zk", List.of(r));
      }
    }
    return List.of(spartan, localhost, new DnsZone("zk", zk));
  }
}
