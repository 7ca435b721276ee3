package io.dcnet.state.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects that this node is no longer part of the masters' cluster although its own view still
 * lists them (it was removed while cut off, or the masters came back as new incarnations), and then
 * asks for a new incarnation. Every node runs one at {@code /user/dcnet-probe}; it also answers
 * other nodes' probes. Messages are plain strings (Pekko's built-in string serializer): {@code
 * probe|<address>#<uid>} → {@code member}, {@code unknown}, or {@code absent|<up masters>|<oldest
 * master address>}. Owned by its actor.
 */
public final class RejoinProbe extends AbstractActorWithTimers {
  public static final String NAME = "dcnet-probe";
  private static final Logger LOG = LoggerFactory.getLogger(RejoinProbe.class);
  private static final Object TICK = "probe-tick";

  private final int incarnation;
  private final EngineCallbacks callbacks;
  private final List<Address> seeds;
  private final Duration probeAfter;
  private final Cluster cluster = Cluster.get(getContext().getSystem());
  private final Map<Address, Long> missingSince = new HashMap<>();
  private boolean restartRequested;

  public static Props props(
      int incarnation, EngineCallbacks callbacks, List<Address> seeds, Duration probeAfter) {
    return Props.create(
        RejoinProbe.class, () -> new RejoinProbe(incarnation, callbacks, seeds, probeAfter));
  }

  private RejoinProbe(
      int incarnation, EngineCallbacks callbacks, List<Address> seeds, Duration probeAfter) {
    this.incarnation = incarnation;
    this.callbacks = callbacks;
    this.seeds = List.copyOf(seeds);
    this.probeAfter = probeAfter;
  }

  @Override
  public void preStart() {
    getTimers().startTimerWithFixedDelay(TICK, TICK, Duration.ofSeconds(1));
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .matchEquals(TICK, t -> tick())
        .match(String.class, s -> s.startsWith("probe|"), this::answer)
        .match(String.class, s -> s.startsWith("absent|"), this::absent)
        .match(String.class, s -> {})
        .build();
  }

  private static String uniqueId(Address a, long uid) {
    return a + "#" + uid;
  }

  private void answer(String probe) {
    String asker = probe.substring("probe|".length());
    CurrentClusterState state = cluster.state();
    for (Member m : state.getMembers()) {
      if (uniqueId(m.address(), m.uniqueAddress().longUid()).equals(asker) && Members.isLive(m)) {
        getSender().tell("member", getSelf());
        return;
      }
    }
    Member self = cluster.selfMember();
    DecisionView view = DecisionView.of(state);
    boolean selfUp = self.status().equals(org.apache.pekko.cluster.MemberStatus.up());
    if (!Members.isMaster(self) || !selfUp || view.decider() == null) {
      getSender().tell("unknown", getSelf());
      return;
    }
    getSender()
        .tell(
            "absent|" + view.reachableMasters().size() + "|" + view.decider().address(), getSelf());
  }

  private void absent(String reply) {
    String[] parts = reply.split("\\|", 3);
    if (restartRequested || parts.length != 3) {
      return;
    }
    int theirs = Integer.parseInt(parts[1]);
    DecisionView mine = DecisionView.of(cluster.state());
    int ours = mine.reachableMasters().size();
    String ourOldest = mine.decider() == null ? "~" : mine.decider().address().toString();
    if (theirs > ours || (theirs == ours && parts[2].compareTo(ourOldest) < 0)) {
      restartRequested = true;
      LOG.warn(
          "masters at {} no longer count this node as a member ({} masters there, {} here); rejoining",
          getSender().path().address(),
          theirs,
          ours);
      callbacks.requestRestart(incarnation, "not a member of the masters' cluster");
    }
  }

  private void tick() {
    if (restartRequested) {
      return;
    }
    try {
      CurrentClusterState state = cluster.state();
      Member self = cluster.selfMember();
      boolean selfUp =
          self.status().equals(org.apache.pekko.cluster.MemberStatus.up())
              || self.status().equals(org.apache.pekko.cluster.MemberStatus.weaklyUp());
      if (!selfUp) {
        missingSince.clear();
        return;
      }
      Set<Address> candidates = new LinkedHashSet<>(seeds);
      for (Member m : state.getMembers()) {
        if (Members.isMaster(m)) {
          candidates.add(m.address());
        }
      }
      candidates.remove(cluster.selfAddress());
      long now = System.nanoTime();
      Set<Member> unreachable = state.getUnreachable();
      missingSince.keySet().retainAll(candidates);
      for (Address a : candidates) {
        boolean fine = false;
        for (Member m : state.getMembers()) {
          if (m.address().equals(a) && Members.isLive(m) && !unreachable.contains(m)) {
            fine = true;
            break;
          }
        }
        if (fine) {
          missingSince.remove(a);
          continue;
        }
        long since = missingSince.computeIfAbsent(a, k -> now);
        if (now - since >= probeAfter.toNanos()) {
          getContext()
              .actorSelection(a + "/user/" + NAME)
              .tell(
                  "probe|" + uniqueId(cluster.selfAddress(), cluster.selfUniqueAddress().longUid()),
                  getSelf());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("rejoin probe tick failed: {}", e.toString());
    }
  }
}
