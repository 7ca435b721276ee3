package io.dcnet.discovery;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reference-counted record values by owner name: two tasks adding the same value hold it twice, and
 * it stays until both removed it. Names are kept sorted and values are rendered in {@link
 * ZoneOrder} order, so equal content gives equal {@link DnsZone}s.
 *
 * <p>Not thread-safe: owned by one thread (or guarded by its owner's lock).
 */
public final class RecordTable {
  private final Map<String, Map<ZoneRecord, Integer>> counts = new TreeMap<>();

  /** Adds one reference to each entry. */
  public void add(Collection<ZoneEntry> entries) {
    for (ZoneEntry e : entries) {
      counts.computeIfAbsent(e.name(), k -> new HashMap<>()).merge(e.record(), 1, Integer::sum);
    }
  }

  /** Drops one reference from each entry; entries not present are ignored. */
  public void remove(Collection<ZoneEntry> entries) {
    for (ZoneEntry e : entries) {
      Map<ZoneRecord, Integer> byValue = counts.get(e.name());
      if (byValue == null) {
        continue;
      }
      byValue.computeIfPresent(e.record(), (k, n) -> n > 1 ? n - 1 : null);
      if (byValue.isEmpty()) {
        counts.remove(e.name());
      }
    }
  }

  /** Removes everything. */
  public void clear() {
    counts.clear();
  }

  /** Number of distinct owner names. */
  public int nameCount() {
    return counts.size();
  }

  /** The zone holding every value with at least one reference. */
  public DnsZone toZone(String zoneName) {
    Map<String, List<ZoneRecord>> records = new TreeMap<>();
    counts.forEach(
        (name, byValue) -> {
          List<ZoneRecord> values = new ArrayList<>(byValue.keySet());
          values.sort(ZoneOrder.RECORDS);
          records.put(name, values);
        });
    return new DnsZone(zoneName, records);
  }
}
