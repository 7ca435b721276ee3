package io.dcnet.daemon.node;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.net.HostPort;
import io.dcnet.mesos.stream.ClusterChange;
import io.dcnet.mesos.stream.ClusterListener;
import io.dcnet.mesos.stream.ClusterSnapshot;
import io.dcnet.state.ClusterState;
import io.dcnet.state.StateKey;
import io.dcnet.state.StateKeys;
import io.dcnet.state.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the zones a master computes into the replicated state, but only while this node's Mesos
 * master leads, or while this node is the deputy of a leader whose dcnet is not a live member
 * ({@link ZoneDeputyTracker}): the sink of {@code MesosZoneController} and {@code MesosDnsMirror},
 * and a {@link ClusterListener} of the operator-API subscriber (which follows 307s to the leader,
 * so every master sees the stream and learns who leads from {@link ClusterSnapshot#leader()}).
 *
 * <p>Each zone goes to {@code dns/zones/<zone>} under field = this node id with a publish
 * timestamp; readers take the newest entry. Starting to publish re-writes the last zones with a
 * fresh timestamp (the controller does not re-publish an unchanged zone). Stopping withdraws this
 * node's field only once another node publishes the zone ({@link ZoneWithdrawals}), and then only
 * {@link #WITHDRAW_GRACE} later: removing at once left agents without the zone for a few hundred
 * ms, or longer on a node that got the new entry late, by gossip. An entry an earlier run of this
 * node left goes the same way. Closing removes nothing: a restarting leader must not flush.
 *
 * <p>Thread-safe: all methods synchronize on this object; writes are asynchronous; the key
 * subscriptions call back on the cluster state's event thread.
 */
final class LeaderZonePublisher implements ClusterListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderZonePublisher.class);

  /** How long an old leader keeps its entry after it saw the new leader's (gossip takes ~1 s). */
  static final Duration WITHDRAW_GRACE = Duration.ofSeconds(5);

  /** How long a deputy waits as the choice first: a leader's seat may reach it a moment late. */
  static final Duration TAKEOVER_HOLD = Duration.ofSeconds(5);

  private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(2);
  private static final Map<String, StateKey<PublishedZone>> KEYS = new ConcurrentHashMap<>();

  private final ClusterState state;
  private final OwnMesosMaster own;
  private final Clock clock;
  private final Executor afterGrace;
  private final ZoneDeputyTracker deputies;
  private final Map<String, DnsZone> last = new LinkedHashMap<>(); // guarded by this
  private final Map<String, StateKey<PublishedZone>> keys = new LinkedHashMap<>();
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final ZoneWithdrawals withdrawals; // guarded by this
  private boolean leading; // guarded by this
  private boolean publishing; // guarded by this: leading or the deputy
  private boolean closed; // guarded by this
  private BooleanSupplier streaming = () -> false; // guarded by this
  private BooleanSupplier ownStream = () -> false; // guarded by this
  private long lastStamp; // guarded by this

  /**
   * @param ownMaster this node's Mesos master ({@code mesos_url}'s host and port)
   * @param afterGrace runs a task {@link #WITHDRAW_GRACE} later (tests: when they say)
   * @param takeoverHold how long this node must be the deputy choice before it publishes
   */
  LeaderZonePublisher(
      ClusterState state,
      HostPort ownMaster,
      Clock clock,
      Executor afterGrace,
      Duration takeoverHold) {
    this.state = Objects.requireNonNull(state, "state");
    this.own = new OwnMesosMaster(ownMaster);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.afterGrace = Objects.requireNonNull(afterGrace, "afterGrace");
    this.deputies = new ZoneDeputyTracker(state, own, clock, takeoverHold);
    this.withdrawals = new ZoneWithdrawals(state.nodeId());
  }

  /**
   * Starts taking part in the choice of the publisher ({@link ZoneDeputyTracker}: this node's seat
   * while its Mesos event stream is live).
   *
   * @param streaming whether this node's Mesos event stream is live
   * @param ownStream whether it is live from its own Mesos master, without a 307 ({@link
   *     OwnMesosMaster})
   */
  synchronized void start(BooleanSupplier streaming, BooleanSupplier ownStream) {
    this.streaming = Objects.requireNonNull(streaming, "streaming");
    this.ownStream = Objects.requireNonNull(ownStream, "ownStream");
    recheck();
  }

  /**
   * The key of {@code zone}: one instance per zone in the JVM, so that the cluster state decodes a
   * change once for this publisher and {@code ReplicatedZones} together.
   */
  static StateKey<PublishedZone> key(String zone) {
    return KEYS.computeIfAbsent(
        StateKeys.dnsZone(zone), name -> StateKey.of(name, PublishedZone.class));
  }

  @Override
  public void onChange(ClusterChange change, ClusterSnapshot after) {
    setLeader(after.leader());
  }

  /** The stream named {@code leaderPid} ({@code master@ip:port}) as the leading Mesos master. */
  synchronized void setLeader(String leaderPid) {
    ZoneDeputyTracker.masterOf(leaderPid).ifPresent(deputies::leader);
    setLeading(own.leads(leaderPid, ownStream.getAsBoolean()));
  }

  /** True while this node writes the zones: its Mesos master leads, or it is the deputy. */
  synchronized boolean publishing() {
    return publishing;
  }

  /** True while this node writes the zones as the deputy. */
  synchronized boolean deputy() {
    return publishing && !leading;
  }

  synchronized void setLeading(boolean now) {
    if (now != leading) {
      leading = now;
      LOG.info("the local Mesos master {} {}", own, now ? "leads" : "no longer leads");
    }
    recheck();
  }

  /**
   * Decides again whether this node is the deputy publisher (membership and seats change without
   * telling the publisher: the daemon calls this every second).
   */
  synchronized void recheck() {
    if (!closed) {
      setPublishing(deputies.decide(leading, streaming.getAsBoolean()) || leading);
    }
  }

  private void setPublishing(boolean now) {
    if (now == publishing) {
      return;
    }
    publishing = now;
    if (now) {
      LOG.info("publishing {}", last.keySet());
      withdrawals.clear();
      last.values().forEach(this::write);
    } else {
      LOG.info("no longer publishing: withdrawing {} once another publishes", keys.keySet());
      for (Map.Entry<String, StateKey<PublishedZone>> e : keys.entrySet()) {
        withdrawals.stopped(e.getKey());
        try {
          withdrawIfSuperseded(e.getKey(), state.get(e.getValue()));
        } catch (IllegalStateException ex) {
          // cluster state rejoining: the subscription delivers the entries later
        }
      }
    }
  }

  /** Withdraws this node's field of {@code zone}, after the grace, once another publishes it. */
  private synchronized void withdrawIfSuperseded(String zone, Map<String, PublishedZone> entries) {
    if (publishing) {
      return;
    }
    withdrawals
        .superseded(zone, entries)
        .ifPresent(
            stamp -> {
              LOG.info(
                  "zone {}: another node publishes; withdrawing this node's entry in {} s",
                  zone,
                  WITHDRAW_GRACE.toSeconds());
              afterGrace.execute(() -> withdraw(zone, stamp));
            });
  }

  /** Removes this node's entry of {@code zone} if it is still the one stamped {@code stamp}. */
  private synchronized void withdraw(String zone, long stamp) {
    if (publishing || closed) {
      return; // publishing again: its fresh entry stays; closed: a stop removes nothing
    }
    StateKey<PublishedZone> key = keys.get(zone);
    PublishedZone mine;
    try {
      mine = state.get(key).get(state.nodeId());
    } catch (IllegalStateException e) {
      afterGrace.execute(() -> withdraw(zone, stamp)); // cluster state rejoining: later
      return;
    }
    if (mine != null && mine.publishedAtMillis() == stamp) {
      LOG.info("zone {}: withdrew this node's entry", zone);
      state.remove(key, state.nodeId()).whenComplete((ok, e) -> failed(e, "withdraw zone " + zone));
    }
  }

  /** The sink: remembers {@code zone}, and writes it when publishing. */
  synchronized void publish(DnsZone zone) {
    last.put(zone.name(), zone);
    if (!keys.containsKey(zone.name()) && !publishing) {
      withdrawals.leftover(zone.name()); // an entry an earlier run of this node left
    }
    watch(zone.name());
    if (publishing) {
      write(zone);
    }
  }

  private StateKey<PublishedZone> watch(String zone) {
    StateKey<PublishedZone> key = keys.computeIfAbsent(zone, LeaderZonePublisher::key);
    subscriptions.computeIfAbsent(
        zone, z -> state.subscribe(key, (k, entries) -> onEntries(z, entries)));
    return key;
  }

  private void write(DnsZone zone) {
    long stamp = Math.max(clock.millis(), lastStamp + 1);
    lastStamp = stamp;
    StateKey<PublishedZone> key = watch(zone.name());
    if (!withdrawals.hasSeen(zone.name())) {
      try {
        withdrawals.seen(zone.name(), state.get(key)); // before the subscription's first call
      } catch (IllegalStateException e) {
        // cluster state rejoining: no reference for this write
      }
    }
    withdrawals.wrote(zone.name());
    // sent to every member at once: the zone is published at most once per second and every
    // node's DNS should answer a new task without waiting for gossip (bench/RESULTS.md)
    state
        .putEverywhere(key, PublishedZone.of(zone, stamp), PUSH_TIMEOUT)
        .whenComplete((ok, e) -> failed(e, "publish zone " + zone.name()));
  }

  /** A change of {@code zone}'s entries, on the cluster state's event thread. */
  private synchronized void onEntries(String zone, Map<String, PublishedZone> entries) {
    withdrawals.seen(zone, entries);
    if (publishing) {
      removeOrphans(zone, entries);
    } else {
      withdrawIfSuperseded(zone, entries);
    }
  }

  /**
   * Removes the entries older than this node's of nodes that are no longer members (field = the
   * publisher's node id): the cluster state keeps zone entries after their owner left ({@link
   * StateKeys#keptWhenOwnerLeaves}), so that a publisher that is gone does not take the records
   * with it; the next publisher clears them up.
   */
  private void removeOrphans(String zone, Map<String, PublishedZone> entries) {
    PublishedZone mine = entries.get(state.nodeId());
    if (mine == null || entries.size() == 1) {
      return;
    }
    Set<String> members = new HashSet<>();
    try {
      state.members().forEach(m -> members.add(m.nodeId()));
    } catch (IllegalStateException e) {
      return; // cluster state rejoining: the next change tries again
    }
    entries.forEach(
        (field, entry) -> {
          if (!members.contains(field) && entry.publishedAtMillis() < mine.publishedAtMillis()) {
            LOG.info("zone {}: removing the entry of {}, no longer a member", zone, field);
            state
                .remove(keys.get(zone), field)
                .whenComplete((ok, e) -> failed(e, "clear zone " + zone));
          }
        });
  }

  /** Stops watching the keys; removes nothing. */
  @Override
  public synchronized void close() {
    closed = true;
    subscriptions.values().forEach(Subscription::close);
    subscriptions.clear();
  }

  private void failed(Throwable e, String what) {
    if (e != null) {
      LOG.warn("could not {} in the cluster state: {}", what, e.toString());
    }
  }
}
