package io.dcnet.state.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.UniqueAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downing for a network plane (README "Downing"). Runs on masters only. The decider ({@link
 * DecisionView}: the oldest reachable Up master, or, when no reachable master is Up, the reachable
 * master with the lowest address) downs members that have been unreachable longer than the
 * configured time, as measured by this node: agents always, masters only when this side sees a
 * strict majority of the masters. Agents never down anyone, and nobody downs itself. Owned by its
 * actor.
 */
public final class DowningController extends AbstractActorWithTimers {
  private static final Logger LOG = LoggerFactory.getLogger(DowningController.class);
  private static final Object TICK = "tick";

  private final Duration removeAfter;
  private final Cluster cluster = Cluster.get(getContext().getSystem());
  private final Map<UniqueAddress, Long> unreachableSince = new HashMap<>();
  private final Set<UniqueAddress> downed = new HashSet<>();
  private boolean decidingWhileNotUp;

  public static Props props(Duration removeAfter) {
    return Props.create(DowningController.class, () -> new DowningController(removeAfter));
  }

  private DowningController(Duration removeAfter) {
    this.removeAfter = removeAfter;
  }

  @Override
  public void preStart() {
    long tickMs = Math.max(200, Math.min(1000, removeAfter.toMillis() / 4));
    getTimers().startTimerWithFixedDelay(TICK, TICK, Duration.ofMillis(tickMs));
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder().matchEquals(TICK, t -> tick()).build();
  }

  private void tick() {
    try {
      CurrentClusterState state = cluster.state();
      long now = System.nanoTime();
      Set<Member> unreachable = state.getUnreachable();
      Set<UniqueAddress> current = new HashSet<>();
      for (Member m : unreachable) {
        current.add(m.uniqueAddress());
        unreachableSince.putIfAbsent(m.uniqueAddress(), now);
      }
      unreachableSince.keySet().retainAll(current);
      downed.retainAll(current);
      DecisionView view = DecisionView.of(state);
      if (!view.isDecider(cluster.selfUniqueAddress())) {
        decidingWhileNotUp = false;
        return;
      }
      if (view.deciderIsNotUp() && !decidingWhileNotUp) {
        LOG.info(
            "no reachable master is Up: this master ({}) takes the downing decisions",
            Members.status(cluster.selfMember()));
      }
      decidingWhileNotUp = view.deciderIsNotUp();
      for (Member m : unreachable) {
        long since = unreachableSince.get(m.uniqueAddress());
        boolean overdue = now - since >= removeAfter.toNanos();
        if (!overdue || !Members.isLive(m) || downed.contains(m.uniqueAddress())) {
          continue;
        }
        if (Members.isMaster(m) && !view.hasMasterMajority()) {
          continue;
        }
        downed.add(m.uniqueAddress());
        LOG.info(
            "removing member {} ({}) unreachable for more than {}",
            Members.nodeId(m),
            Members.hostPort(m.address()),
            removeAfter);
        cluster.down(m.address());
      }
    } catch (RuntimeException e) {
      LOG.warn("downing tick failed: {}", e.toString());
    }
  }
}
