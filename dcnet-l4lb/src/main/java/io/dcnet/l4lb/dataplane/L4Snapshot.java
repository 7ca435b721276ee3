package io.dcnet.l4lb.dataplane;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a data plane should have installed: each virtual service and its destinations.
 * Immutable; services sorted, each destination list sorted, one entry per address and port (a
 * duplicate keeps the larger weight). A service may have no destinations (it exists but refuses new
 * connections) or only weight-0 ones (drained).
 */
public record L4Snapshot(SortedMap<ServiceKey, List<Destination>> services) {
  private static final L4Snapshot EMPTY = new L4Snapshot(new TreeMap<>());

  public L4Snapshot {
    TreeMap<ServiceKey, List<Destination>> copy = new TreeMap<>();
    services.forEach((k, v) -> copy.put(k, normalise(v)));
    services = Collections.unmodifiableSortedMap(copy);
  }

  /** No services. */
  public static L4Snapshot empty() {
    return EMPTY;
  }

  /** A snapshot of the given services. */
  public static L4Snapshot of(Map<ServiceKey, List<Destination>> services) {
    return new L4Snapshot(new TreeMap<>(services));
  }

  /** The number of services. */
  public int serviceCount() {
    return services.size();
  }

  /** The number of destinations over all services. */
  public int destinationCount() {
    return services.values().stream().mapToInt(List::size).sum();
  }

  /** A copy with one service set (added or replaced). */
  public L4Snapshot with(ServiceKey key, List<Destination> destinations) {
    TreeMap<ServiceKey, List<Destination>> copy = new TreeMap<>(services);
    copy.put(key, destinations);
    return new L4Snapshot(copy);
  }

  /** A copy without one service. */
  public L4Snapshot without(ServiceKey key) {
    TreeMap<ServiceKey, List<Destination>> copy = new TreeMap<>(services);
    copy.remove(key);
    return new L4Snapshot(copy);
  }

  private static List<Destination> normalise(List<Destination> in) {
    TreeMap<String, Destination> byEndpoint = new TreeMap<>();
    for (Destination d : in) {
      String endpoint = d.address().getHostAddress() + "#" + d.port();
      Destination prev = byEndpoint.get(endpoint);
      if (prev == null || prev.weight() < d.weight()) {
        byEndpoint.put(endpoint, d);
      }
    }
    List<Destination> out = new ArrayList<>(byEndpoint.values());
    Collections.sort(out);
    return List.copyOf(out);
  }
}
