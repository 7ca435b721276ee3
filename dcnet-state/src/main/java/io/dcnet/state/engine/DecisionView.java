package io.dcnet.state.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.UniqueAddress;

/**
 * Who decides removals, computed from one immutable cluster-state snapshot: the oldest master that
 * is reachable from this node. Immutable, thread-safe.
 *
 * @param masters live masters in the membership
 * @param reachableMasters the live masters this node sees reachable
 * @param decider the oldest reachable master, or null
 */
public record DecisionView(List<Member> masters, List<Member> reachableMasters, Member decider) {

  public static DecisionView of(CurrentClusterState state) {
    Set<Member> unreachable = state.getUnreachable();
    List<Member> masters = new ArrayList<>();
    List<Member> reachable = new ArrayList<>();
    Member oldest = null;
    for (Member m : state.getMembers()) {
      if (!Members.isMaster(m) || !Members.isLive(m)) {
        continue;
      }
      masters.add(m);
      if (unreachable.contains(m)) {
        continue;
      }
      reachable.add(m);
      boolean upish =
          m.status().equals(org.apache.pekko.cluster.MemberStatus.up())
              || m.status().equals(org.apache.pekko.cluster.MemberStatus.leaving());
      if (upish && (oldest == null || m.isOlderThan(oldest))) {
        oldest = m;
      }
    }
    return new DecisionView(List.copyOf(masters), List.copyOf(reachable), oldest);
  }

  public boolean isDecider(UniqueAddress self) {
    return decider != null && decider.uniqueAddress().equals(self);
  }

  /** Masters may be removed only by a side that sees a strict majority of the masters. */
  public boolean hasMasterMajority() {
    return reachableMasters.size() * 2 > masters.size();
  }
}
