package io.dcnet.l4lb.control;

import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.l4lb.model.VipId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps named-VIP addresses while the name is in use: once a name has an address, that address is
 * used while the name has backends, even when its {@code l4lb/names} field is gone for a while
 * (e.g. the fields of the master that wrote it are purged before another master re-publishes them).
 * A published entry always wins over a remembered one; a name without backends is forgotten.
 *
 * <p>Not thread-safe: owned by the sync thread.
 */
public final class StickyNames {
  private Map<String, NamedVipAddress> remembered = Map.of();

  /**
   * The names to build with: {@code published} plus remembered addresses of names in use that
   * {@code published} lacks. Remembers the result for the names in use.
   *
   * @param published the current {@code l4lb/names} snapshot
   * @param vipsInUse every VIP that has backends now
   */
  public Map<String, NamedVipAddress> resolve(
      Map<String, NamedVipAddress> published, Set<VipId> vipsInUse) {
    Set<String> inUse = new TreeSet<>();
    for (VipId v : vipsInUse) {
      if (v.isNamed()) {
        inUse.add(v.host());
      }
    }
    Map<String, NamedVipAddress> out = new HashMap<>(published);
    Map<String, NamedVipAddress> keep = new HashMap<>();
    for (String name : inUse) {
      NamedVipAddress a = published.get(name);
      if (a == null) {
        a = remembered.get(name);
        if (a != null) {
          out.put(name, a);
        }
      }
      if (a != null) {
        keep.put(name, a);
      }
    }
    remembered = Map.copyOf(keep);
    return Map.copyOf(out);
  }

  /** Names whose address is remembered (in use and known). */
  public Set<String> rememberedNames() {
    return remembered.keySet();
  }
}
