package io.dcnet.core.dns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole content of one zone: name → record values (in a stable order). Zones are replaced
 * whole: a producer builds a new {@code DnsZone} and publishes it; consumers swap it in atomically.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param name the zone, lower case, no trailing dot, e.g. {@code dcos.thisdcos.directory}
 * @param records owner name (lower case, no trailing dot, inside the zone) → values
 */
public record DnsZone(String name, Map<String, List<ZoneRecord>> records) {
  public DnsZone {
    Objects.requireNonNull(name, "name");
    Map<String, List<ZoneRecord>> copy = new LinkedHashMap<>();
    records.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    records = java.util.Collections.unmodifiableMap(copy);
  }

  /** An empty zone. */
  public static DnsZone empty(String name) {
    return new DnsZone(name, Map.of());
  }

  /** Number of record values. */
  public int size() {
    return records.values().stream().mapToInt(List::size).sum();
  }
}
