package io.dcnet.state.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.UniqueAddress;

/**
 * Who decides removals, computed from one immutable cluster-state snapshot (README "Downing"): the
 * oldest Up (or Leaving) master that is reachable from this node; when no reachable master is Up
 * (they are all still Joining or WeaklyUp, e.g. the oldest master died before the others were moved
 * to Up), the reachable live master with the lowest address. Immutable, thread-safe.
 *
 * @param masters live masters in the membership
 * @param reachableMasters the live masters this node sees reachable
 * @param decider the decider, or null when no live master is reachable
 */
public record DecisionView(List<Member> masters, List<Member> reachableMasters, Member decider) {

  public static DecisionView of(CurrentClusterState state) {
    Set<Member> unreachable = state.getUnreachable();
    List<Member> masters = new ArrayList<>();
    List<Member> reachable = new ArrayList<>();
    Member oldestUp = null;
    Member lowestNotUp = null;
    for (Member m : state.getMembers()) {
      if (!Members.isMaster(m) || !Members.isLive(m)) {
        continue;
      }
      masters.add(m);
      if (unreachable.contains(m)) {
        continue;
      }
      reachable.add(m);
      if (isUpOrLeaving(m)) {
        if (oldestUp == null || m.isOlderThan(oldestUp)) {
          oldestUp = m;
        }
      } else if (lowestNotUp == null
          || Member.addressOrdering().compare(m.address(), lowestNotUp.address()) < 0) {
        lowestNotUp = m;
      }
    }
    Member decider = oldestUp != null ? oldestUp : lowestNotUp;
    return new DecisionView(List.copyOf(masters), List.copyOf(reachable), decider);
  }

  private static boolean isUpOrLeaving(Member m) {
    return m.status().equals(org.apache.pekko.cluster.MemberStatus.up())
        || m.status().equals(org.apache.pekko.cluster.MemberStatus.leaving());
  }

  public boolean isDecider(UniqueAddress self) {
    return decider != null && decider.uniqueAddress().equals(self);
  }

  /** True when the decider is a master that is not Up yet (no reachable master is Up). */
  public boolean deciderIsNotUp() {
    return decider != null && !isUpOrLeaving(decider);
  }

  /** Masters may be removed only by a side that sees a strict majority of the masters. */
  public boolean hasMasterMajority() {
    return reachableMasters.size() * 2 > masters.size();
  }
}
