package io.dcnet.state.engine;

import io.dcnet.state.MemberStatus;
import io.dcnet.state.MembershipEvent;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.remote.artery.ThisActorSystemQuarantinedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Pekko cluster events into {@link MembershipEvent}s, reports this node's own Up, and asks
 * for a new incarnation when another node quarantined this one (it was removed while cut off).
 * Owned by its actor.
 */
public final class MembershipWatcher extends AbstractActor {
  private static final Logger LOG = LoggerFactory.getLogger(MembershipWatcher.class);

  private final int incarnation;
  private final EngineCallbacks callbacks;
  private final Cluster cluster = Cluster.get(getContext().getSystem());
  private boolean restartRequested;

  public static Props props(int incarnation, EngineCallbacks callbacks) {
    return Props.create(
        MembershipWatcher.class, () -> new MembershipWatcher(incarnation, callbacks));
  }

  private MembershipWatcher(int incarnation, EngineCallbacks callbacks) {
    this.incarnation = incarnation;
    this.callbacks = callbacks;
  }

  @Override
  public void preStart() {
    cluster.subscribe(
        getSelf(),
        ClusterEvent.initialStateAsEvents(),
        ClusterEvent.MemberEvent.class,
        ClusterEvent.ReachabilityEvent.class);
    getContext()
        .getSystem()
        .getEventStream()
        .subscribe(getSelf(), ThisActorSystemQuarantinedEvent.class);
  }

  @Override
  public void postStop() {
    cluster.unsubscribe(getSelf());
    getContext().getSystem().getEventStream().unsubscribe(getSelf());
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(ClusterEvent.MemberUp.class, e -> up(e.member()))
        .match(ClusterEvent.MemberWeaklyUp.class, e -> up(e.member()))
        .match(
            ClusterEvent.MemberRemoved.class,
            e ->
                emit(
                    MembershipEvent.Type.REMOVED,
                    Members.info(e.member(), MemberStatus.REMOVED, false)))
        .match(
            ClusterEvent.UnreachableMember.class,
            e ->
                emit(
                    MembershipEvent.Type.UNREACHABLE,
                    Members.info(e.member(), Members.status(e.member()), false)))
        .match(
            ClusterEvent.ReachableMember.class,
            e ->
                emit(
                    MembershipEvent.Type.REACHABLE,
                    Members.info(e.member(), Members.status(e.member()), true)))
        .match(ThisActorSystemQuarantinedEvent.class, this::quarantined)
        .match(ClusterEvent.MemberEvent.class, e -> {})
        .build();
  }

  private void up(org.apache.pekko.cluster.Member m) {
    emit(
        MembershipEvent.Type.UP,
        Members.info(m, Members.status(m), !cluster.state().getUnreachable().contains(m)));
    if (m.uniqueAddress().equals(cluster.selfUniqueAddress())) {
      callbacks.onSelfUp(incarnation);
    }
  }

  private void emit(MembershipEvent.Type type, io.dcnet.state.MemberInfo info) {
    callbacks.onMembership(incarnation, new MembershipEvent(type, info));
  }

  private void quarantined(ThisActorSystemQuarantinedEvent e) {
    if (!restartRequested) {
      restartRequested = true;
      LOG.warn(
          "quarantined by {}: this node was removed from the cluster; rejoining",
          e.remoteAddress());
      callbacks.requestRestart(incarnation, "quarantined by " + e.remoteAddress());
    }
  }
}
