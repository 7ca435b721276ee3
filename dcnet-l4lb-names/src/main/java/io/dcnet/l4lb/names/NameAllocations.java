package io.dcnet.l4lb.names;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.l4lb.names.NamedVipMetrics.Counts;
import io.dcnet.l4lb.names.NamedVipMetrics.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allocator's copy of the {@link NamedVipStore} and the calls that change it: allocating new
 * names, adding IPv6 to names allocated without it, releasing. One INFO line per change; a name the
 * store refuses (range full, bad name) is counted in {@code errors} and the metrics and logged once
 * until it succeeds. A store that cannot be reached stops the walk and is returned to the caller,
 * since the other names would fail the same way.
 *
 * <p>Full ranges: when only the IPv6 range is full, a new name still gets its IPv4 address (IPv6 is
 * retried by {@link #addMissingIpv6} on later passes, from the next pass on). When the IPv4 range
 * is full, a new name gets nothing, not even a free IPv6 address: node DNS and consumers expect its
 * A record, and an IPv6-only name would then keep that shape. It is retried on every pass.
 *
 * <p>Not thread-safe: owned by the {@link NamedVipController}'s thread (logs under its name). It
 * publishes the gauge values to {@link NamedVipMetrics} after every change.
 */
final class NameAllocations {
  private static final Logger LOG = LoggerFactory.getLogger(NamedVipController.class);

  private final NamedVipStore store;
  private final boolean ipv6Enabled;
  private final AtomicLong errors;
  private final NamedVipMetrics metrics;
  private final Map<String, NamedVipAddress> allocated = new HashMap<>();
  private final Set<String> warnedNames = new HashSet<>();
  private final Set<String> ipv6RefusedThisPass = new HashSet<>();
  private long usedIpv4;
  private long usedIpv6;

  NameAllocations(
      NamedVipStore store, boolean ipv6Enabled, AtomicLong errors, NamedVipMetrics metrics) {
    this.store = store;
    this.ipv6Enabled = ipv6Enabled;
    this.errors = errors;
    this.metrics = metrics;
  }

  /** Replaces the copy with everything the store holds (on becoming the allocator). */
  void reload() {
    Map<String, NamedVipAddress> all = store.all();
    forget();
    all.values().forEach(this::put);
    publish();
  }

  /** Forgets the copy (on losing the role). */
  void clear() {
    forget();
    warnedNames.clear();
    metrics.counts(Counts.NOT_LEADER);
  }

  int size() {
    return allocated.size();
  }

  NamedVipAddress get(String name) {
    return allocated.get(name);
  }

  /** The allocated names, sorted (a copy). */
  Set<String> names() {
    return new TreeSet<>(allocated.keySet());
  }

  /** Allocates the names not yet allocated; returns the store failure that stopped it, or null. */
  NamedVipStoreException allocateMissing(Set<String> wanted) {
    ipv6RefusedThisPass.clear();
    for (String name : wanted) {
      NamedVipStoreException failure =
          allocated.containsKey(name) ? null : allocate(name, ipv6Enabled);
      if (failure != null) {
        return failure;
      }
    }
    return null;
  }

  /**
   * With IPv6 enabled, gives an IPv6 address to every allocated name without one ({@code first}
   * names first; names in their grace period too), keeping its IPv4 address. Names that {@link
   * #allocateMissing} just allocated without IPv6 because the IPv6 range was full wait for the next
   * pass. Returns the store failure that stopped it, or null.
   */
  NamedVipStoreException addMissingIpv6(Set<String> first) {
    if (!ipv6Enabled) {
      return null;
    }
    List<String> order = new ArrayList<>(first);
    names().stream().filter(n -> !first.contains(n)).forEach(order::add);
    for (String name : order) {
      NamedVipAddress had = allocated.get(name);
      boolean missing = had != null && had.ipv6() == null && !ipv6RefusedThisPass.contains(name);
      NamedVipStoreException failure = missing ? allocate(name, true) : null;
      if (failure != null) {
        return failure;
      }
    }
    return null;
  }

  /** Releases {@code name}'s addresses in the store; returns what it had. */
  NamedVipAddress release(String name) {
    store.release(name);
    NamedVipAddress had = remove(name);
    warnedNames.remove(name);
    metrics.released();
    publish();
    return had;
  }

  private NamedVipStoreException allocate(String name, boolean withIpv6) {
    NamedVipAddress had = allocated.get(name);
    try {
      NamedVipAddress a = store.allocate(name, withIpv6);
      remove(name);
      put(a);
      publish();
      if (withIpv6 || !ipv6Enabled) {
        warnedNames.remove(name); // else still waiting for its IPv6 address
      }
      if (had == null) {
        metrics.allocated();
        LOG.info("allocated named VIP {} ipv4 {} ipv6 {}", name, a.ipv4(), a.ipv6());
      } else if (had.ipv6() == null && a.ipv6() != null) {
        metrics.ipv6Added();
        LOG.info("named VIP {} ipv6 {} added", name, a.ipv6());
      }
    } catch (NamedVipExhaustedException e) {
      boolean ipv4Possible = had == null && withIpv6 && e.isIpv6();
      refused(name, had == null && !ipv4Possible ? "not allocated" : "got no IPv6 address", e);
      metrics.failed(Reason.EXHAUSTED);
      if (ipv4Possible) {
        ipv6RefusedThisPass.add(name);
        return allocate(name, false); // IPv4 now, IPv6 on a later pass
      }
    } catch (IllegalArgumentException e) {
      refused(name, "not allocated", e);
      metrics.failed(Reason.INVALID);
    } catch (NamedVipStoreException e) {
      return e;
    }
    return null;
  }

  private void refused(String name, String refusedAs, RuntimeException e) {
    errors.incrementAndGet();
    if (warnedNames.add(name)) {
      LOG.warn("named VIP {} {}: {}", name, refusedAs, e.getMessage());
    }
  }

  private void put(NamedVipAddress a) {
    allocated.put(a.name(), a);
    usedIpv4 += inRange(store.ranges().ipv4(), a.ipv4());
    usedIpv6 += inRange(store.ranges().ipv6(), a.ipv6());
  }

  private NamedVipAddress remove(String name) {
    NamedVipAddress a = allocated.remove(name);
    if (a != null) {
      usedIpv4 -= inRange(store.ranges().ipv4(), a.ipv4());
      usedIpv6 -= inRange(store.ranges().ipv6(), a.ipv6());
    }
    return a;
  }

  private void forget() {
    allocated.clear();
    usedIpv4 = 0;
    usedIpv6 = 0;
  }

  private void publish() {
    metrics.counts(Counts.of(store.ranges(), allocated.size(), usedIpv4, usedIpv6));
  }

  private static int inRange(AddressRange range, String ip) {
    return ip != null && IpLiterals.parse(ip).map(range::contains).orElse(false) ? 1 : 0;
  }
}
