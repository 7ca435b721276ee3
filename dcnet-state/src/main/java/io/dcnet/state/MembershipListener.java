package io.dcnet.state;

/**
 * Receives membership changes on the {@link ClusterState}'s single event thread, in order. Must not
 * block for long.
 */
@FunctionalInterface
public interface MembershipListener {
  void onMembershipEvent(MembershipEvent event);
}
