package io.dcnet.l4lb.names;

import io.dcnet.l4lb.model.NamedVipAddress;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link NamedVipStore} in memory: same allocation rules as {@link ZkNamedVipStore}, but neither
 * durable nor shared. For tests and single-master setups without ZooKeeper. Thread-safe
 * (synchronized).
 */
public final class InMemoryNamedVipStore implements NamedVipStore {
  private final NamedVipRanges ranges;
  private final Map<String, NamedVipAddress> byName = new TreeMap<>();

  public InMemoryNamedVipStore(NamedVipRanges ranges) {
    this.ranges = Objects.requireNonNull(ranges, "ranges");
  }

  @Override
  public synchronized NamedVipAddress allocate(String name, boolean withIpv6) {
    NamedVipStore.checkName(name);
    NamedVipAddress existing = byName.get(name);
    if (existing != null && (!withIpv6 || existing.ipv6() != null)) {
      return existing;
    }
    Set<String> used4 = new HashSet<>();
    Set<String> used6 = new HashSet<>();
    for (NamedVipAddress a : byName.values()) {
      if (a.ipv4() != null) {
        used4.add(a.ipv4());
      }
      if (a.ipv6() != null) {
        used6.add(a.ipv6());
      }
    }
    String v4 =
        existing != null ? existing.ipv4() : AddressProbe.firstFree(name, ranges.ipv4(), used4);
    String v6 = withIpv6 ? AddressProbe.firstFree(name, ranges.ipv6(), used6) : null;
    NamedVipAddress a = new NamedVipAddress(name, v4, v6);
    byName.put(name, a);
    return a;
  }

  @Override
  public synchronized Optional<NamedVipAddress> find(String name) {
    return Optional.ofNullable(byName.get(NamedVipStore.checkName(name)));
  }

  @Override
  public synchronized boolean release(String name) {
    return byName.remove(NamedVipStore.checkName(name)) != null;
  }

  @Override
  public synchronized Map<String, NamedVipAddress> all() {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(byName));
  }

  @Override
  public NamedVipRanges ranges() {
    return ranges;
  }
}
