package io.dcnet.state;

import io.dcnet.state.engine.Incarnation;
import io.dcnet.state.engine.StoredValue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fields this node owns (what it last wrote), so it can write them again after it rejoins or
 * after the masters purged them while it was away. Thread-safe; {@link #reassert} and {@link
 * #loadFrom} run on the ClusterState control thread.
 */
final class OwnEntries {
  private static final Logger LOG = LoggerFactory.getLogger(OwnEntries.class);

  private final String nodeId;
  private final Map<String, Map<String, String>> byKey = new ConcurrentHashMap<>();

  OwnEntries(String nodeId) {
    this.nodeId = nodeId;
  }

  void put(String key, String field, String stored) {
    byKey.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(field, stored);
  }

  void remove(String key, String field) {
    Map<String, String> m = byKey.get(key);
    if (m != null) {
      m.remove(field);
    }
  }

  /** Adopts the fields owned by this node found in the local (durable) replica. */
  void loadFrom(Incarnation inc) {
    int n = 0;
    for (String key : inc.keyNames()) {
      for (Map.Entry<String, String> e : inc.get(key).entrySet()) {
        if (StoredValue.decode(e.getValue()).owner().equals(nodeId)) {
          Map<String, String> m = byKey.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
          if (m.putIfAbsent(e.getKey(), e.getValue()) == null) {
            n++;
          }
        }
      }
    }
    if (n > 0) {
      LOG.info("adopted {} fields owned by {} from the durable replica", n, nodeId);
    }
  }

  /** True when some owned field of {@code key} is missing from {@code raw}. */
  boolean missingIn(String key, Map<String, String> raw) {
    Map<String, String> m = byKey.get(key);
    if (m == null) {
      return false;
    }
    for (String field : m.keySet()) {
      if (!raw.containsKey(field)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes owned fields that are missing or differ locally; drops fields another node took over.
   */
  void reassert(Incarnation inc) {
    int n = 0;
    for (Map.Entry<String, Map<String, String>> k : byKey.entrySet()) {
      Map<String, String> raw = inc.get(k.getKey());
      for (Map.Entry<String, String> f : k.getValue().entrySet()) {
        String cur = raw.get(f.getKey());
        if (cur != null && !StoredValue.decode(cur).owner().equals(nodeId)) {
          k.getValue().remove(f.getKey(), f.getValue());
        } else if (!f.getValue().equals(cur)) {
          inc.put(k.getKey(), f.getKey(), f.getValue());
          n++;
        }
      }
    }
    if (n > 0) {
      LOG.info("re-published {} fields owned by {}", n, nodeId);
    }
  }
}
