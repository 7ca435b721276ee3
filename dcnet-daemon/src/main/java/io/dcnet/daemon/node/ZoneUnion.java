package io.dcnet.daemon.node;

import io.dcnet.core.dns.DnsZone;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The zones pushed through the cluster state plus one zone every node builds itself (the {@code
 * l4lb.thisdcos.directory} zone from {@code l4lb/names}). The union is rebuilt only when one of the
 * two inputs is a new instance, so {@link #get()} stays an identity check on the query path.
 *
 * <p>Thread-safe: the last union is a volatile immutable triple.
 */
final class ZoneUnion implements Supplier<Map<String, DnsZone>> {
  private record Last(Map<String, DnsZone> pushed, DnsZone extra, Map<String, DnsZone> union) {}

  private final Supplier<Map<String, DnsZone>> pushed;
  private final Supplier<DnsZone> extra;
  private volatile Last last;

  ZoneUnion(Supplier<Map<String, DnsZone>> pushed, Supplier<DnsZone> extra) {
    this.pushed = pushed;
    this.extra = extra;
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // identity: rebuild only when an input is a new instance
  public Map<String, DnsZone> get() {
    Map<String, DnsZone> p = pushed.get();
    DnsZone e = extra.get();
    Last l = last;
    if (l == null || l.pushed() != p || l.extra() != e) {
      Map<String, DnsZone> u = new LinkedHashMap<>(p);
      if (e != null) {
        u.put(e.name(), e);
      }
      l = new Last(p, e, Map.copyOf(u));
      last = l;
    }
    return l.union();
  }
}
