package io.dcnet.mesosdns.refresh;

import io.dcnet.dns.records.RecordSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names that appeared, disappeared or changed values between two record sets (for the refresh
 * log line).
 *
 * <p>Immutable.
 */
record RecordDiff(List<String> added, List<String> removed, List<String> changed) {
  RecordDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  static RecordDiff between(RecordSet before, RecordSet after) {
    Map<String, Set<String>> old = flatten(before);
    Map<String, Set<String>> now = flatten(after);
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : now.entrySet()) {
      Set<String> prev = old.get(e.getKey());
      if (prev == null) {
        added.add(e.getKey());
      } else if (!prev.equals(e.getValue())) {
        changed.add(e.getKey());
      }
    }
    for (String name : old.keySet()) {
      if (!now.containsKey(name)) {
        removed.add(name);
      }
    }
    return new RecordDiff(added, removed, changed);
  }

  boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /** name → sorted "TYPE value" entries across A, AAAA and SRV. */
  private static Map<String, Set<String>> flatten(RecordSet set) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    put(out, set.a(), "A ");
    put(out, set.aaaa(), "AAAA ");
    put(out, set.srv(), "SRV ");
    return out;
  }

  private static void put(
      Map<String, Set<String>> out, Map<String, List<String>> map, String prefix) {
    map.forEach(
        (name, values) -> {
          Set<String> s = out.computeIfAbsent(name, k -> new TreeSet<>());
          values.forEach(v -> s.add(prefix + v));
        });
  }
}
