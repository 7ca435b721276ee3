package io.dcnet.discovery;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Canonical ordering and set operations on zones: names sorted, values sorted by type (A, AAAA,
 * SRV, CNAME) then text. Two zones with the same content built this way are {@code equals}.
 *
 * <p>Thread-safe: stateless.
 */
public final class ZoneOrder {
  /** A, AAAA, SRV, CNAME; then by the value's text. */
  public static final Comparator<ZoneRecord> RECORDS =
      Comparator.comparingInt(ZoneOrder::rank).thenComparing(ZoneOrder::text);

  private ZoneOrder() {}

  /** The zone with names and values in canonical order (duplicates within a name dropped). */
  public static DnsZone canonical(DnsZone zone) {
    return union(zone, DnsZone.empty(zone.name()));
  }

  /** Every value of either zone, canonical order; the name is {@code a}'s. */
  public static DnsZone union(DnsZone a, DnsZone b) {
    Map<String, Set<ZoneRecord>> merged = new TreeMap<>();
    for (DnsZone z : List.of(a, b)) {
      z.records()
          .forEach((n, v) -> merged.computeIfAbsent(n, k -> new LinkedHashSet<>()).addAll(v));
    }
    Map<String, List<ZoneRecord>> out = new TreeMap<>();
    merged.forEach(
        (n, v) -> {
          if (!v.isEmpty()) {
            List<ZoneRecord> values = new ArrayList<>(v);
            values.sort(RECORDS);
            out.put(n, values);
          }
        });
    return new DnsZone(a.name(), out);
  }

  /** True if every value of {@code small} is also in {@code big}. */
  public static boolean contains(DnsZone big, DnsZone small) {
    for (Map.Entry<String, List<ZoneRecord>> e : small.records().entrySet()) {
      List<ZoneRecord> have = big.records().getOrDefault(e.getKey(), List.of());
      if (!have.containsAll(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Owner names present in {@code after} but not in {@code before}. */
  public static int namesAdded(DnsZone before, DnsZone after) {
    int n = 0;
    for (String name : after.records().keySet()) {
      if (!before.records().containsKey(name)) {
        n++;
      }
    }
    return n;
  }

  private static int rank(ZoneRecord r) {
    return switch (r) {
      case ZoneRecord.A a -> 0;
      case ZoneRecord.Aaaa a -> 1;
      case ZoneRecord.Srv s -> 2;
      case ZoneRecord.Cname c -> 3;
    };
  }

  private static String text(ZoneRecord r) {
    return switch (r) {
      case ZoneRecord.A a -> a.ip();
      case ZoneRecord.Aaaa a -> a.ip();
      case ZoneRecord.Srv s -> s.target() + ":" + s.port() + "/" + s.priority() + "/" + s.weight();
      case ZoneRecord.Cname c -> c.target();
    };
  }
}
