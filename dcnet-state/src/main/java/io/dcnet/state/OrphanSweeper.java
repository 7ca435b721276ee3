package io.dcnet.state;

import io.dcnet.state.engine.Incarnation;
import io.dcnet.state.engine.Members;
import io.dcnet.state.engine.StoredValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.cluster.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges fields whose owner is no longer a member: at once for nodes the cluster removed, and after
 * {@code unreachableRemoval} for owners that are simply absent (e.g. after a full restart from
 * durable data). Keys whose fields outlive their owner ({@link StateKeys#keptWhenOwnerLeaves}, the
 * DNS zones) are left alone. Acts only on the decider (oldest reachable master). Runs on the
 * ClusterState control thread; {@link #removed} may be called from any thread.
 */
final class OrphanSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanSweeper.class);

  private final Duration absentLimit;
  private final Set<String> removedIds = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> absentSince = new HashMap<>();

  OrphanSweeper(Duration absentLimit) {
    this.absentLimit = absentLimit;
  }

  void removed(String nodeId) {
    removedIds.add(nodeId);
  }

  void sweep(Incarnation inc) {
    if (!inc.isDecider()) {
      absentSince.clear();
      return;
    }
    Set<String> live = new HashSet<>();
    for (Member m : inc.clusterState().getMembers()) {
      if (Members.isLive(m)) {
        live.add(Members.nodeId(m));
      }
    }
    removedIds.removeAll(live);
    Set<String> absentSeen = new HashSet<>();
    long now = System.nanoTime();
    for (String key : inc.keyNames()) {
      if (StateKeys.keptWhenOwnerLeaves(key)) {
        continue;
      }
      Map<String, String> raw = inc.get(key);
      Set<String> purge = new HashSet<>();
      for (String text : raw.values()) {
        String owner = StoredValue.decode(text).owner();
        if (owner.isEmpty() || live.contains(owner)) {
          continue;
        }
        absentSeen.add(owner);
        long since = absentSince.computeIfAbsent(owner, o -> now);
        if (removedIds.contains(owner) || now - since >= absentLimit.toNanos()) {
          purge.add(owner);
        }
      }
      if (!purge.isEmpty()) {
        LOG.info("purging fields of {} from key {} (no longer members)", purge, key);
        inc.removeIf(key, e -> purge.contains(StoredValue.decode(e.getValue()).owner()));
      }
    }
    absentSince.keySet().retainAll(absentSeen);
  }
}
