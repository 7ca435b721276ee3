package io.dcnet.state;

import io.dcnet.core.lifecycle.DaemonThreads;
import io.dcnet.state.engine.EngineCallbacks;
import io.dcnet.state.engine.Incarnation;
import io.dcnet.state.engine.Members;
import io.dcnet.state.engine.StoredValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.cluster.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicated cluster state of one node (README). Each node writes only fields it owns; reads
 * are local; listeners get immutable snapshots on the event thread {@code
 * dcnet-state-events-<nodeId>}. Membership, downing, purge of removed nodes' fields and rejoin
 * after removal are handled inside.
 *
 * <p>Thread-safe. Maintenance runs on one control thread {@code dcnet-state-control-<nodeId>}.
 */
public final class ClusterState implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterState.class);

  /** How long to wait for an old incarnation's ActorSystem before unbinding its port directly. */
  private static final Duration TERMINATE_WAIT = Duration.ofSeconds(3);

  private final ClusterStateConfig cfg;
  private final SeedSource seeds;
  private final ListenerHub hub;
  private final OwnEntries own;
  private final OrphanSweeper sweeper;
  private final ScheduledExecutorService control;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Callbacks callbacks = new Callbacks();
  private volatile Incarnation current;

  private ClusterState(ClusterStateConfig cfg) {
    this.cfg = cfg;
    this.seeds = new SeedSource(cfg);
    this.hub = new ListenerHub(cfg.nodeId());
    this.own = new OwnEntries(cfg.nodeId());
    this.sweeper = new OrphanSweeper(cfg.unreachableRemoval());
    this.control =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("dcnet-state-control-" + cfg.nodeId()));
  }

  /** Starts the node: binds, loads the durable replica, joins the seeds. Throws on bad config. */
  public static ClusterState start(ClusterStateConfig cfg) {
    if (cfg.tls() != null) {
      cfg.tls().validate();
    }
    ClusterState cs = new ClusterState(cfg);
    try {
      cs.current = Incarnation.start(1, cfg, cfg.bindPort(), cs.seeds.current(), cs.callbacks);
    } catch (RuntimeException e) {
      cs.control.shutdownNow();
      cs.hub.close();
      throw e;
    }
    cs.watch(cs.current);
    cs.control.execute(cs::adoptOwnEntries);
    long sweepMs = Math.max(500, Math.min(30_000, cfg.unreachableRemoval().toMillis() / 2));
    var unusedSweep =
        cs.control.scheduleWithFixedDelay(cs::sweep, sweepMs, sweepMs, TimeUnit.MILLISECONDS);
    if (cfg.seedFile() != null) {
      var unusedSeeds = cs.control.scheduleWithFixedDelay(cs::refreshSeeds, 2, 2, TimeUnit.SECONDS);
    }
    LOG.info(
        "cluster state node {} ({}) started at {} in cluster {}",
        cfg.nodeId(),
        cfg.role().roleName(),
        cs.current.hostPort(),
        cfg.clusterId());
    return cs;
  }

  public String nodeId() {
    return cfg.nodeId();
  }

  public ClusterStateConfig config() {
    return cfg;
  }

  /** {@code host:port} this node is bound to (stable across incarnations). */
  public String address() {
    return current.hostPort();
  }

  /** Number of the current incarnation, 1 for the first; grows on each internal rejoin. */
  public int incarnation() {
    return current.number();
  }

  /** True when this node is Up (or WeaklyUp) in its cluster. */
  public boolean isUp() {
    return current.isSelfUp();
  }

  /** Writes this node's own field ({@code field = nodeId}). */
  public <V> CompletionStage<Void> put(StateKey<V> key, V value) {
    return put(key, cfg.nodeId(), value);
  }

  /**
   * Writes {@code field} of {@code key}, owned by this node, locally; it reaches the other nodes
   * asynchronously (usually well under a second). The stage completes when the local write is done.
   */
  public <V> CompletionStage<Void> put(StateKey<V> key, String field, V value) {
    requireField(field);
    String stored = new StoredValue(cfg.nodeId(), key.codec().encode(value)).encode();
    own.put(key.name(), field, stored);
    return current.put(key.name(), field, stored);
  }

  /**
   * Like {@link #put(StateKey, String, Object)}, but the new value is sent to every reachable
   * member at once instead of by delta propagation and gossip (for small, latency-sensitive keys
   * written at most about once per second, such as a DNS zone). The stage completes when every
   * member acknowledged, or after {@code timeout}; the value is applied locally either way.
   */
  public <V> CompletionStage<Void> putEverywhere(StateKey<V> key, V value, Duration timeout) {
    return putEverywhere(key, cfg.nodeId(), value, timeout);
  }

  /** {@link #putEverywhere(StateKey, Object, Duration)} of any field owned by this node. */
  public <V> CompletionStage<Void> putEverywhere(
      StateKey<V> key, String field, V value, Duration timeout) {
    requireField(field);
    String stored = new StoredValue(cfg.nodeId(), key.codec().encode(value)).encode();
    own.put(key.name(), field, stored);
    return current.putEverywhere(key.name(), field, stored, timeout);
  }

  /** Removes {@code field} of {@code key}. */
  public <V> CompletionStage<Void> remove(StateKey<V> key, String field) {
    requireField(field);
    own.remove(key.name(), field);
    return current.remove(key.name(), field);
  }

  /** Immutable snapshot of the local replica of {@code key}: field → value. */
  public <V> Map<String, V> get(StateKey<V> key) {
    Map<String, V> out = new LinkedHashMap<>();
    entries(key).forEach((f, e) -> out.put(f, e.value()));
    return Map.copyOf(out);
  }

  /** Like {@link #get} with the owner of each field. Undecodable fields are skipped. */
  public <V> Map<String, StateEntry<V>> entries(StateKey<V> key) {
    Map<String, StateEntry<V>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : current.get(key.name()).entrySet()) {
      StoredValue sv = StoredValue.decode(e.getValue());
      try {
        out.put(e.getKey(), new StateEntry<>(sv.owner(), key.codec().decode(sv.payload())));
      } catch (RuntimeException ex) {
        LOG.debug("key {} field {} undecodable: {}", key.name(), e.getKey(), ex.toString());
      }
    }
    return Map.copyOf(out);
  }

  /**
   * Calls {@code listener} with the current snapshot of {@code key} (when it has data) and then
   * after each change, on the event thread.
   */
  public <V> Subscription subscribe(StateKey<V> key, StateListener<V> listener) {
    Runnable[] remover = new Runnable[1];
    if (hub.add(key, listener, remover)) {
      current.subscribe(key.name());
    } else {
      Map<String, String> raw = current.get(key.name());
      if (!raw.isEmpty()) {
        hub.changed(key.name(), raw);
      }
    }
    return remover[0]::run;
  }

  /** Membership changes after this call (use {@link #members()} for the current view). */
  public Subscription subscribeMembership(MembershipListener listener) {
    hub.addMembership(listener);
    return () -> hub.removeMembership(listener);
  }

  /** This node's view of the members, sorted by address. */
  public List<MemberInfo> members() {
    var state = current.clusterState();
    Set<Member> unreachable = state.getUnreachable();
    List<MemberInfo> out = new ArrayList<>();
    for (Member m : state.getMembers()) {
      out.add(Members.info(m, unreachable));
    }
    out.sort(Comparator.comparing(MemberInfo::address));
    return List.copyOf(out);
  }

  /** Test hook, see {@link Incarnation#blackhole}. */
  void blackholeForTest(String hostPort, boolean on) {
    current.blackhole(hostPort, on);
  }

  /** Stops this node without leaving the cluster (its fields stay until the masters remove it). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    control.shutdownNow();
    current.flushDurable(Duration.ofSeconds(2));
    stop(current);
    hub.close();
    LOG.info("cluster state node {} stopped", cfg.nodeId());
  }

  /**
   * Terminates {@code inc} and waits for it; when its termination is stuck (README "Rejoin"),
   * closes its listening socket directly so the port can be bound again.
   */
  private void stop(Incarnation inc) {
    if (!inc.terminate(TERMINATE_WAIT)) {
      LOG.warn(
          "incarnation {} of {} did not terminate within {}; closing its listening socket",
          inc.number(),
          cfg.nodeId(),
          TERMINATE_WAIT);
      inc.unbindTransport(Duration.ofSeconds(3));
    }
  }

  private static void requireField(String field) {
    if (field == null || field.isEmpty() || field.length() > 200) {
      throw new IllegalArgumentException("field: " + field + " (expected: 1-200 chars)");
    }
  }

  private void watch(Incarnation inc) {
    inc.whenTerminated()
        .thenRun(() -> callbacks.requestRestart(inc.number(), "its actor system terminated"));
  }

  private void adoptOwnEntries() {
    try {
      own.loadFrom(current);
    } catch (RuntimeException e) {
      LOG.warn("could not read own fields from the local replica: {}", e.toString());
    }
  }

  private void sweep() {
    try {
      sweeper.sweep(current);
    } catch (RuntimeException e) {
      LOG.warn("orphan sweep failed: {}", e.toString());
    }
  }

  private void refreshSeeds() {
    try {
      if (seeds.refresh() && !current.isSelfUp()) {
        current.joinSeeds(seeds.current(), cfg.systemName());
      }
    } catch (RuntimeException e) {
      LOG.warn("seed refresh failed: {}", e.toString());
    }
  }

  private void reassert(int incarnation) {
    Incarnation inc = current;
    if (closed.get() || inc.number() != incarnation) {
      return;
    }
    try {
      own.reassert(inc);
    } catch (RuntimeException e) {
      LOG.warn("re-publishing own fields failed: {}", e.toString());
    }
  }

  /**
   * Replaces incarnation {@code incarnation} by a new one on the same port: terminates the old
   * ActorSystem and waits for its termination (which unbinds its listener), checks that the port
   * can be bound, and starts the next one. While the port is still taken it retries quickly (100 ms
   * doubling, at most 2 s apart); other start failures back off from 1 s to 30 s.
   */
  private void restart(int incarnation, String reason, int attempt) {
    Incarnation old = current;
    if (closed.get() || old.number() != incarnation) {
      return;
    }
    if (attempt == 0) {
      LOG.warn("node {}: starting incarnation {}: {}", cfg.nodeId(), incarnation + 1, reason);
      stop(old);
    }
    int port = old.port();
    if (!PortCheck.isFree(cfg.bindHost(), port)) {
      retryRestart(incarnation, reason, attempt, "port " + port + " still in use", true);
      return;
    }
    try {
      Incarnation next = Incarnation.start(incarnation + 1, cfg, port, seeds.current(), callbacks);
      if (closed.get()) {
        next.terminate(Duration.ofSeconds(15));
        return;
      }
      current = next;
      for (String key : hub.keyNames()) {
        next.subscribe(key);
      }
      watch(next);
      if (attempt > 0) {
        LOG.info("incarnation {} started after {} retries", incarnation + 1, attempt);
      }
    } catch (RuntimeException e) {
      retryRestart(incarnation, reason, attempt, e.toString(), PortCheck.isBindFailure(e));
    }
  }

  private void retryRestart(
      int incarnation, String reason, int attempt, String why, boolean portInUse) {
    long delay =
        portInUse
            ? PortCheck.bindRetryMillis(attempt)
            : Math.min(30_000L, 1000L << Math.min(attempt, 5));
    if (!portInUse || attempt == 0 || attempt % 10 == 0) {
      LOG.warn(
          "new incarnation could not start (attempt {}), retrying in {} ms: {}",
          attempt + 1,
          delay,
          why);
    }
    try {
      var unusedRetry =
          control.schedule(
              () -> restart(incarnation, reason, attempt + 1), delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  private void onControl(Runnable r) {
    if (!closed.get()) {
      try {
        control.execute(r);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing
      }
    }
  }

  /** Engine events; called on Pekko threads, so everything is handed to our own threads. */
  private final class Callbacks implements EngineCallbacks {
    @Override
    public void onChanged(int incarnation, String key, Map<String, String> raw) {
      if (incarnation != current.number()) {
        return;
      }
      hub.changed(key, raw);
      if (own.missingIn(key, raw) && current.isSelfUp()) {
        onControl(() -> reassert(incarnation));
      }
    }

    @Override
    public void onMembership(int incarnation, MembershipEvent event) {
      if (event.type() == MembershipEvent.Type.REMOVED) {
        sweeper.removed(event.member().nodeId());
      }
      hub.membership(event);
    }

    @Override
    public void onSelfUp(int incarnation) {
      onControl(() -> reassert(incarnation));
    }

    @Override
    public void requestRestart(int incarnation, String reason) {
      onControl(() -> restart(incarnation, reason, 0));
    }
  }
}
