package io.dcnet.daemon.node;

import io.dcnet.core.net.HostPort;
import io.dcnet.mesos.model.Pid;
import io.dcnet.state.ClusterState;
import io.dcnet.state.MemberInfo;
import io.dcnet.state.MemberStatus;
import io.dcnet.state.StateKey;
import io.dcnet.state.StateKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this master writes the zones as a deputy. The zones' publisher is the master whose own
 * Mesos master leads, while its dcnet is a live member; otherwise the live master with the lowest
 * node id ({@link #designated}). Every master computes the zones from the leading Mesos master's
 * event stream, so any of them can write them; the rule only decides who does, so that the records
 * keep following Mesos while the leader's dcnet is down (crashed, upgraded, cut off). This node
 * becomes the deputy once it has been the choice for {@code hold}, and only while its own event
 * stream is live: with a broken stream its zones and its idea of the leader may be stale, and a
 * deputy's fresh stamp would put them above the real leader's.
 *
 * <p>Each master announces its own Mesos master under {@link #SEATS} (field = node id) while its
 * own Mesos event stream is live, which is how the others find the leader's dcnet; agents have no
 * seat and are never chosen. A leader's dcnet that is up but cannot read the stream withdraws its
 * seat, so that a deputy with a live stream takes over.
 *
 * <p>Not thread-safe: {@link LeaderZonePublisher} calls it under its own lock.
 */
final class ZoneDeputyTracker {
  private static final Logger LOG = LoggerFactory.getLogger(ZoneDeputyTracker.class);

  /** Field = a master's node id; value = its own Mesos master, {@code host:port}. */
  static final StateKey<String> SEATS = StateKey.of(StateKeys.DNS_PUBLISHERS, String.class);

  private static final long NOT_CHOSEN = Long.MIN_VALUE;

  private final ClusterState state;
  private final OwnMesosMaster own;
  private final Clock clock;
  private final Duration hold;
  private HostPort leader; // null until the stream names one
  private long chosenSince = NOT_CHOSEN; // clock millis
  private boolean deputy;
  private Boolean seated; // null: not announced yet (or the last change failed)
  private HostPort seatedAs; // the value of the seat put last
  private List<String> sharedWith = List.of(); // the masters last warned about sharing this seat

  ZoneDeputyTracker(ClusterState state, OwnMesosMaster own, Clock clock, Duration hold) {
    this.state = Objects.requireNonNull(state, "state");
    this.own = Objects.requireNonNull(own, "own");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.hold = Objects.requireNonNull(hold, "hold");
  }

  /** The leading Mesos master, as the stream names it. */
  void leader(HostPort now) {
    leader = Objects.requireNonNull(now, "now");
  }

  /**
   * Decides again, from the current members and seats, and returns whether this node is the deputy.
   * Never while {@code leading} (this node then publishes as the leader's own) or while its event
   * stream is not {@code streaming}.
   */
  boolean decide(boolean leading, boolean streaming) {
    seat(streaming);
    if (leading) {
      warnIfShared();
    }
    boolean chosen = !leading && streaming && leader != null && designatedIsMe();
    long now = clock.millis();
    if (!chosen) {
      chosenSince = NOT_CHOSEN;
    } else if (chosenSince == NOT_CHOSEN) {
      chosenSince = now;
    }
    boolean next = chosen && now - chosenSince >= hold.toMillis();
    if (next != deputy) {
      deputy = next;
      LOG.info(
          next
              ? "the leading Mesos master {} has no live dcnet: this node publishes as deputy"
              : "no longer the deputy zone publisher (leading Mesos master {})",
          leader);
    }
    return deputy;
  }

  /** Puts this node's seat while {@code streaming}, removes it otherwise. */
  private void seat(boolean streaming) {
    HostPort value = own.seat();
    if (seated != null && seated == streaming && (!streaming || value.equals(seatedAs))) {
      return;
    }
    try {
      if (streaming) {
        state.put(SEATS, value.toString()).whenComplete(ZoneDeputyTracker::seatFailed);
        seatedAs = value;
        LOG.info(
            "seat {}: this master's Mesos event stream is live; it may publish the zones", value);
      } else {
        // also at start: a seat the durable replica kept from an earlier run must not stay
        state.remove(SEATS, state.nodeId()).whenComplete(ZoneDeputyTracker::seatFailed);
        if (seated != null) {
          LOG.info("seat {} withdrawn: this master's Mesos event stream is down", seatedAs);
        }
      }
      seated = streaming;
    } catch (IllegalStateException e) {
      seated = null; // cluster state rejoining: the next check tries again
    }
  }

  /**
   * Warns when other live masters hold the same seat as this leading one: their {@code mesos_url}
   * reaches the leading Mesos master straight too (e.g. {@code leader.mesos}), so each of them
   * writes the zones as the leader's own.
   */
  private void warnIfShared() {
    List<String> others;
    try {
      String mine = own.seat().toString();
      Map<String, String> seats = state.get(SEATS);
      others =
          liveSeated(seats, state.members()).stream()
              .filter(id -> !id.equals(state.nodeId()) && mine.equals(seats.get(id)))
              .toList();
    } catch (IllegalStateException e) {
      return; // cluster state rejoining
    }
    if (!others.equals(sharedWith)) {
      sharedWith = others;
      if (!others.isEmpty()) {
        LOG.warn(
            "masters {} also reach the leading Mesos master {} straight through their mesos_url,"
                + " so they publish the zones too: mesos_url must name each master's own Mesos"
                + " master, not leader.mesos or a load balancer",
            others,
            own.seat());
      }
    }
  }

  private static void seatFailed(Void ok, Throwable e) {
    if (e != null) {
      LOG.warn("could not change this master's publisher seat: {}", e.toString());
    }
  }

  private boolean designatedIsMe() {
    try {
      return designated(leader, state.get(SEATS), state.members())
          .filter(state.nodeId()::equals)
          .isPresent();
    } catch (IllegalStateException e) {
      return chosenSince != NOT_CHOSEN; // cluster state rejoining: no change
    }
  }

  /**
   * The node id that should publish, or empty when no seated master is live.
   *
   * @param leader the leading Mesos master ({@code host:port})
   * @param seats node id → that node's own Mesos master
   * @param members this node's view of the members
   */
  static Optional<String> designated(
      HostPort leader, Map<String, String> seats, List<MemberInfo> members) {
    List<String> live = liveSeated(seats, members);
    Optional<String> leadersOwn =
        live.stream()
            .filter(id -> HostPort.parse(seats.get(id)).map(p -> same(p, leader)).orElse(false))
            .findFirst();
    return leadersOwn.isPresent() ? leadersOwn : live.stream().findFirst();
  }

  /** The node ids of the live members that hold a seat, in order. */
  private static List<String> liveSeated(Map<String, String> seats, List<MemberInfo> members) {
    return members.stream()
        .filter(ZoneDeputyTracker::isLive)
        .map(MemberInfo::nodeId)
        .filter(seats::containsKey)
        .sorted()
        .toList();
  }

  /** The {@code host:port} of a Mesos master pid ({@code master@ip:port}). */
  static Optional<HostPort> masterOf(String pid) {
    return Pid.parse(pid).map(Pid::hostPort);
  }

  /** True when {@code leaderPid} ({@code master@ip:port}) is {@code own} (host and port). */
  static boolean isOwn(String leaderPid, HostPort own) {
    return masterOf(leaderPid).map(l -> same(l, own)).orElse(false);
  }

  static boolean same(HostPort a, HostPort b) {
    return a.port() == b.port() && a.host().equalsIgnoreCase(b.host());
  }

  private static boolean isLive(MemberInfo m) {
    return m.reachable() && (m.status() == MemberStatus.UP || m.status() == MemberStatus.WEAKLY_UP);
  }
}
