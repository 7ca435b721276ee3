package io.dcnet.nodedns.zone;

import io.dcnet.core.dns.DnsZone;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A lookup structure over one set of zones: the zone of a name (longest suffix) and the empty
 * non-terminals (names with no records of their own but records below them), which answer NODATA
 * rather than NXDOMAIN. Built once per zone swap.
 *
 * <p>Immutable; thread-safe.
 */
final class ZoneIndex {
  private final Map<String, DnsZone> zones;
  private final Set<String> nonTerminals;

  private ZoneIndex(Map<String, DnsZone> zones, Set<String> nonTerminals) {
    this.zones = zones;
    this.nonTerminals = nonTerminals;
  }

  static ZoneIndex of(Map<String, DnsZone> in) {
    Map<String, DnsZone> zones = new HashMap<>();
    Set<String> ents = new HashSet<>();
    for (DnsZone z : in.values()) {
      zones.put(z.name(), z);
      addAncestors(ents, z.name());
      for (String owner : z.records().keySet()) {
        addAncestors(ents, owner);
      }
    }
    return new ZoneIndex(Map.copyOf(zones), Set.copyOf(ents));
  }

  private static void addAncestors(Set<String> out, String name) {
    for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
      if (!out.add(name.substring(dot + 1))) {
        return; // its ancestors are in already
      }
    }
  }

  /** The zone holding {@code name} (lower case, no trailing dot): the longest suffix, or null. */
  DnsZone zoneOf(String name) {
    String s = name;
    while (true) {
      DnsZone z = zones.get(s);
      if (z != null) {
        return z;
      }
      int dot = s.indexOf('.');
      if (dot < 0) {
        return null;
      }
      s = s.substring(dot + 1);
    }
  }

  /** True when some record or zone lies below {@code name}. */
  boolean hasDescendants(String name) {
    return nonTerminals.contains(name);
  }
}
