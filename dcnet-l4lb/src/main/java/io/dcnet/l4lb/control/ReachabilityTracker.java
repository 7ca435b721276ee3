package io.dcnet.l4lb.control;

import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.VipBackends;
import io.dcnet.state.ClusterState;
import io.dcnet.state.MemberInfo;
import io.dcnet.state.MemberStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which agents are unreachable, from the cluster state's membership. A bucket field's name is the
 * owner's node id, so an agent IP is unreachable when the member with that node id is flagged
 * unreachable or is down/leaving/removed, or (while this node is Up) is not a member at all. While
 * this node is not Up its membership view is not trusted for absent members. Keeps the last view
 * when the state cannot answer (during an internal rejoin).
 *
 * <p>Not thread-safe: used on the controller's sync thread ({@link #selfUp} also from the gate
 * poll, which runs on the same thread).
 */
final class ReachabilityTracker {
  private final ClusterState state;
  private List<MemberInfo> lastMembers = List.of();
  private boolean lastUp;

  ReachabilityTracker(ClusterState state) {
    this.state = state;
  }

  boolean selfUp() {
    try {
      lastUp = state.isUp();
    } catch (RuntimeException e) {
      // keep the last answer during a rejoin
    }
    return lastUp;
  }

  Set<String> unreachableAgentIps(List<OwnedAgentVips> agents) {
    try {
      lastMembers = state.members();
    } catch (RuntimeException e) {
      // keep the last view during a rejoin
    }
    boolean up = selfUp();
    Map<String, MemberInfo> byId = new HashMap<>();
    lastMembers.forEach(m -> byId.put(m.nodeId(), m));
    Set<String> out = new HashSet<>();
    for (OwnedAgentVips owned : agents) {
      MemberInfo m = byId.get(owned.nodeId());
      boolean unreachable = m == null ? up : !m.reachable() || gone(m.status());
      if (unreachable) {
        out.add(owned.vips().agentIp());
        for (VipBackends vb : owned.vips().vips()) {
          for (Backend b : vb.backends()) {
            out.add(b.agentIp());
          }
        }
      }
    }
    return out;
  }

  private static boolean gone(MemberStatus s) {
    return s == MemberStatus.DOWN || s == MemberStatus.LEAVING || s == MemberStatus.REMOVED;
  }
}
