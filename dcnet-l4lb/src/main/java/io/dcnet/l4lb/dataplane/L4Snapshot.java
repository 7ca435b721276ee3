package io.dcnet.l4lb.dataplane;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
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
    TreeMap<ServiceKey, List<Destination>> copy;
    if (services.comparator() == null) {
      copy = new TreeMap<>(services); // same order: built in linear time, no comparisons
    } else {
      copy = new TreeMap<>();
      copy.putAll(services);
    }
    copy.replaceAll((k, v) -> normalise(v));
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

  /**
   * Sorted by address, port and weight, then one entry per address and port, the one with the
   * largest weight (the last of its run after sorting).
   */
  private static List<Destination> normalise(List<Destination> in) {
    if (isNormalised(in)) {
      return List.copyOf(in); // the same list when it is already immutable
    }
    Destination[] sorted = in.toArray(new Destination[0]);
    Arrays.sort(sorted);
    List<Destination> out = new ArrayList<>(sorted.length);
    for (int i = 0; i < sorted.length; i++) {
      Destination d = sorted[i];
      boolean sameEndpointFollows =
          i + 1 < sorted.length
              && sorted[i + 1].port() == d.port()
              && sorted[i + 1].address().equals(d.address());
      if (!sameEndpointFollows) {
        out.add(d);
      }
    }
    return List.copyOf(out);
  }

  /** Sorted by address and port, each address and port once (true for every snapshot's lists). */
  private static boolean isNormalised(List<Destination> in) {
    for (int i = 1; i < in.size(); i++) {
      Destination a = in.get(i - 1);
      Destination b = in.get(i);
      int order = AddressOrder.compare(a.address(), b.address());
      if (order > 0 || (order == 0 && a.port() >= b.port())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Equal when both hold the same services with the same destinations. Both maps have the same
   * order, so this walks them side by side instead of looking every key up ({@code TreeMap.equals}
   * would compare keys O(n log n) times).
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof L4Snapshot other) || other.services.size() != services.size()) {
      return false;
    }
    Iterator<Map.Entry<ServiceKey, List<Destination>>> theirs =
        other.services.entrySet().iterator();
    for (Map.Entry<ServiceKey, List<Destination>> mine : services.entrySet()) {
      Map.Entry<ServiceKey, List<Destination>> t = theirs.next();
      if (!mine.getKey().equals(t.getKey()) || !mine.getValue().equals(t.getValue())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return services.hashCode();
  }

  /** A service that differs between two snapshots; see {@link #forEachChange}. */
  @FunctionalInterface
  public interface ServiceChange {
    /**
     * @param before its destinations in the first snapshot, null when it was added
     * @param after its destinations in the second snapshot, null when it was removed
     */
    void changed(ServiceKey key, List<Destination> before, List<Destination> after);
  }

  /**
   * Calls {@code change} for every service added, removed or with other destinations from this
   * snapshot to {@code to}, in key order. One merge walk over both sorted maps, so an unchanged
   * service costs one list comparison and no lookup.
   */
  public void forEachChange(L4Snapshot to, ServiceChange change) {
    Iterator<Map.Entry<ServiceKey, List<Destination>>> was = services.entrySet().iterator();
    Iterator<Map.Entry<ServiceKey, List<Destination>>> is = to.services.entrySet().iterator();
    Map.Entry<ServiceKey, List<Destination>> b = next(was);
    Map.Entry<ServiceKey, List<Destination>> a = next(is);
    while (b != null || a != null) {
      int order =
          b == null
              ? 1
              : a == null
                  ? -1
                  : b.getKey().equals(a.getKey()) ? 0 : b.getKey().compareTo(a.getKey());
      if (order < 0) {
        change.changed(b.getKey(), b.getValue(), null);
        b = next(was);
      } else if (order > 0) {
        change.changed(a.getKey(), null, a.getValue());
        a = next(is);
      } else {
        if (b.getValue() != a.getValue() && !b.getValue().equals(a.getValue())) {
          change.changed(b.getKey(), b.getValue(), a.getValue());
        }
        b = next(was);
        a = next(is);
      }
    }
  }

  private static <T> T next(Iterator<T> it) {
    return it.hasNext() ? it.next() : null;
  }
}
