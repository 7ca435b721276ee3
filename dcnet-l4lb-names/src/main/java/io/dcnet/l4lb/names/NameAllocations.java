package io.dcnet.l4lb.names;

import io.dcnet.l4lb.model.NamedVipAddress;
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
 * store refuses (range full, bad name) is counted in {@code errors} and logged once until it
 * succeeds. A store that cannot be reached stops the walk and is returned to the caller, since the
 * other names would fail the same way.
 *
 * <p>Not thread-safe: owned by the {@link NamedVipController}'s thread (logs under its name).
 */
final class NameAllocations {
  private static final Logger LOG = LoggerFactory.getLogger(NamedVipController.class);

  private final NamedVipStore store;
  private final boolean ipv6Enabled;
  private final AtomicLong errors;
  private final Map<String, NamedVipAddress> allocated = new HashMap<>();
  private final Set<String> warnedNames = new HashSet<>();

  NameAllocations(NamedVipStore store, boolean ipv6Enabled, AtomicLong errors) {
    this.store = store;
    this.ipv6Enabled = ipv6Enabled;
    this.errors = errors;
  }

  /** Replaces the copy with everything the store holds (on becoming the allocator). */
  void reload() {
    allocated.clear();
    allocated.putAll(store.all());
  }

  void clear() {
    allocated.clear();
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
    for (String name : wanted) {
      NamedVipStoreException failure =
          allocated.containsKey(name) ? null : allocate(name, "not allocated");
      if (failure != null) {
        return failure;
      }
    }
    return null;
  }

  /**
   * With IPv6 enabled, gives an IPv6 address to every allocated name without one ({@code first}
   * names first; names in their grace period too), keeping its IPv4 address. Returns the store
   * failure that stopped it, or null.
   */
  NamedVipStoreException addMissingIpv6(Set<String> first) {
    if (!ipv6Enabled) {
      return null;
    }
    List<String> order = new ArrayList<>(first);
    names().stream().filter(n -> !first.contains(n)).forEach(order::add);
    for (String name : order) {
      NamedVipAddress had = allocated.get(name);
      NamedVipStoreException failure =
          had == null || had.ipv6() != null ? null : allocate(name, "got no IPv6 address");
      if (failure != null) {
        return failure;
      }
    }
    return null;
  }

  /** Releases {@code name}'s addresses in the store; returns what it had. */
  NamedVipAddress release(String name) {
    store.release(name);
    return allocated.remove(name);
  }

  private NamedVipStoreException allocate(String name, String refusedAs) {
    boolean isNew = !allocated.containsKey(name);
    try {
      NamedVipAddress a = store.allocate(name, ipv6Enabled);
      allocated.put(name, a);
      warnedNames.remove(name);
      if (isNew) {
        LOG.info("allocated named VIP {} ipv4 {} ipv6 {}", name, a.ipv4(), a.ipv6());
      } else {
        LOG.info("named VIP {} ipv6 {} added", name, a.ipv6());
      }
    } catch (NamedVipExhaustedException | IllegalArgumentException e) {
      errors.incrementAndGet();
      if (warnedNames.add(name)) {
        LOG.warn("named VIP {} {}: {}", name, refusedAs, e.getMessage());
      }
    } catch (NamedVipStoreException e) {
      return e;
    }
    return null;
  }
}
