package io.dcnet.l4lb.control;

import io.dcnet.core.lifecycle.DaemonThreads;
import io.dcnet.l4lb.dataplane.DataPlaneException;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.model.AgentVips;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.l4lb.model.VipBackends;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.state.ClusterState;
import io.dcnet.state.StateKey;
import io.dcnet.state.Subscription;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L4 control loop of one node (kube-proxy's shape, README): keeps the last snapshot of the 16
 * VIP bucket keys and {@code l4lb/names}, watches membership for reachability, and through a {@link
 * BoundedFrequencyRunner} makes the data plane match the snapshot built by {@link
 * L4SnapshotBuilder}. No sync before the {@link StartGate} opens; a full resync after any error;
 * every {@code reconcileInterval} the installed state is checked ({@link DriftCheck}: a quick
 * check, and a full read-back as often as its cost allows) and repaired when it drifted.
 *
 * <p>Threading: state listeners run on the cluster state's event thread and only store snapshots
 * and request a sync. Everything else (building, syncing, reconciling, the data plane calls) runs
 * on the single sync thread of the scheduler ({@code dcnet-l4lb-sync} when the controller makes its
 * own). Accessors are thread-safe (they read volatile immutable values).
 */
public final class L4lbController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(L4lbController.class);
  private static final Duration GATE_POLL = Duration.ofMillis(100);

  private final ClusterState state;
  private final L4DataPlane dataPlane;
  private final L4lbControllerConfig cfg;
  private final L4lbMetrics metrics;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final BoundedFrequencyRunner runner;
  private final StartGate gate;
  private final Map<String, Map<String, AgentVips>> buckets = new ConcurrentHashMap<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final ReachabilityTracker reachability;
  private final DriftCheck driftCheck;
  private final AtomicBoolean rewriteChanged = new AtomicBoolean();
  private volatile Map<String, NamedVipAddress> names = Map.of();
  private volatile boolean gateOpen;
  private volatile L4Build lastBuild = L4Build.EMPTY;
  private volatile L4Snapshot lastApplied;

  // sync thread only
  private final StickyNames sticky = new StickyNames();
  private final IncrementalBuilder builder = new IncrementalBuilder();
  private final SyncChangelog changelog;
  private boolean needFullSync = true;
  private volatile ScheduledFuture<?> gatePoll;

  /** A controller with its own sync thread and the system clock. */
  public L4lbController(
      ClusterState state, L4DataPlane dataPlane, L4lbControllerConfig cfg, MeterRegistry registry) {
    this(state, dataPlane, cfg, registry, Clock.systemUTC(), null);
  }

  /**
   * A controller on an injected clock and single-threaded scheduler (null: its own {@code
   * dcnet-l4lb-sync} thread, shut down by {@link #close}).
   */
  public L4lbController(
      ClusterState state,
      L4DataPlane dataPlane,
      L4lbControllerConfig cfg,
      MeterRegistry registry,
      Clock clock,
      ScheduledExecutorService scheduler) {
    this.state = state;
    this.dataPlane = dataPlane;
    this.cfg = cfg;
    this.metrics = new L4lbMetrics(registry, dataPlane.kind());
    this.clock = clock;
    this.ownScheduler = scheduler == null;
    this.scheduler =
        scheduler != null
            ? scheduler
            : Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dcnet-l4lb-sync"));
    this.runner =
        new BoundedFrequencyRunner(
            "l4lb " + dataPlane.kind(),
            this::syncOnce,
            cfg.minSyncInterval(),
            cfg.reconcileInterval(),
            cfg.retryInitial(),
            cfg.retryMax(),
            clock,
            this.scheduler);
    Set<String> keys = new HashSet<>();
    L4lbKeys.buckets().forEach(k -> keys.add(k.name()));
    keys.add(L4lbKeys.NAMES.name());
    this.gate = new StartGate(clock.instant(), cfg.settle(), cfg.startTimeout(), keys);
    this.reachability = new ReachabilityTracker(state);
    this.driftCheck = new DriftCheck(dataPlane, metrics, clock, cfg.reconcileInterval());
    this.changelog = new SyncChangelog(dataPlane.kind(), cfg.changelogLimit());
  }

  /** Subscribes to the state and starts waiting for the start gate. Call once. */
  public synchronized void start() {
    for (StateKey<AgentVips> key : L4lbKeys.buckets()) {
      subscriptions.add(
          state.subscribe(
              key,
              (k, snapshot) -> {
                buckets.put(k.name(), snapshot);
                changed(k.name());
              }));
    }
    subscriptions.add(
        state.subscribe(
            L4lbKeys.NAMES,
            (k, snapshot) -> {
              names = snapshot;
              changed(k.name());
            }));
    subscriptions.add(state.subscribeMembership(ev -> requestSync()));
    long pollNanos = GATE_POLL.toNanos();
    gatePoll =
        scheduler.scheduleWithFixedDelay(this::checkGate, 0, pollNanos, TimeUnit.NANOSECONDS);
  }

  /** Requests a sync (coalesced, rate-limited); ignored before the start gate opened. */
  public void requestSync() {
    if (gateOpen) {
      runner.run();
    }
  }

  /**
   * Tells the controller that {@link L4lbControllerConfig#localRewrite()} now maps some destination
   * differently (this agent's port mappings changed): the next sync rebuilds every VIP, not only
   * the buckets that changed, and is requested now. Without this call a rewrite change without a
   * bucket change would wait for the next reconcile. Thread-safe.
   */
  public void localRewriteChanged() {
    rewriteChanged.set(true);
    requestSync();
  }

  /** The last build: snapshot, merged VIPs (for {@code /v1/vips}) and counts. */
  public L4Build lastBuild() {
    return lastBuild;
  }

  /** The last snapshot the data plane accepted, or null before the first successful sync. */
  public L4Snapshot lastApplied() {
    return lastApplied;
  }

  /** True once the start gate opened (syncs may run). */
  public boolean started() {
    return gateOpen;
  }

  /** The sync runner (run and failure counts). */
  public BoundedFrequencyRunner runner() {
    return runner;
  }

  /** Stops the loop; does not close the data plane (its owner decides whether rules stay). */
  @Override
  public synchronized void close() {
    subscriptions.forEach(Subscription::close);
    subscriptions.clear();
    runner.close();
    if (gatePoll != null) {
      gatePoll.cancel(false);
    }
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
  }

  private void changed(String key) {
    gate.delivered(key);
    requestSync();
  }

  private void checkGate() {
    try {
      if (gateOpen) {
        ScheduledFuture<?> poll = gatePoll;
        if (poll != null) {
          poll.cancel(false);
        }
      } else if (gate.open(clock.instant(), reachability.selfUp())) {
        gateOpen = true;
        LOG.info("l4lb: first sync allowed: {}", gate.openReason());
        runner.run();
      }
    } catch (RuntimeException e) {
      LOG.warn("l4lb: start gate check failed: {}", e.toString());
    }
  }

  private void syncOnce() throws DataPlaneException {
    Instant now = clock.instant();
    L4Build build;
    try {
      // everything again after an error, after a local rewrite change and at each reconcile
      build = build(rewriteChanged.getAndSet(false) || needFullSync || driftCheck.due(now));
    } catch (RuntimeException e) {
      needFullSync = true;
      metrics.failed();
      throw e;
    }
    lastBuild = build;
    metrics.stats(build.stats());
    L4Snapshot desired = build.snapshot();
    boolean unchanged = !needFullSync && desired.equals(lastApplied);
    if (unchanged && !driftCheck.due(now)) {
      return;
    }
    if (unchanged) {
      Optional<String> drift;
      try {
        drift = driftCheck.check(desired, now);
      } catch (DataPlaneException | RuntimeException e) {
        needFullSync = true;
        metrics.failed();
        throw e;
      }
      if (drift.isEmpty()) {
        return;
      }
      metrics.reconciled();
      LOG.warn(
          "l4lb: {} data plane drifted from the desired state, resyncing: {}",
          dataPlane.kind(),
          drift.get());
    }
    apply(desired, now);
  }

  private void apply(L4Snapshot desired, Instant now) throws DataPlaneException {
    long t0 = System.nanoTime();
    try {
      dataPlane.sync(desired);
    } catch (DataPlaneException | RuntimeException e) {
      needFullSync = true;
      lastApplied = null;
      metrics.failed();
      throw e;
    }
    metrics.synced(Duration.ofNanos(System.nanoTime() - t0));
    changelog.applied(desired);
    lastApplied = desired;
    needFullSync = false;
    driftCheck.synced(now);
  }

  private L4Build build(boolean everything) {
    TreeMap<String, Map<String, AgentVips>> current = new TreeMap<>(buckets);
    List<OwnedAgentVips> agents = new ArrayList<>();
    Set<VipId> inUse = new HashSet<>();
    for (Map<String, AgentVips> bucket : current.values()) {
      bucket.forEach(
          (nodeId, vips) -> {
            agents.add(new OwnedAgentVips(nodeId, vips));
            for (VipBackends vb : vips.vips()) {
              if (!vb.backends().isEmpty()) {
                inUse.add(vb.vip());
              }
            }
          });
    }
    Map<String, NamedVipAddress> resolved = sticky.resolve(names, inUse);
    Set<String> unreachable = reachability.unreachableAgentIps(agents);
    if (everything) {
      builder.clear();
    }
    return builder.build(
        current, resolved, unreachable, cfg.ipv6Enabled(), cfg.localAgentIp(), cfg.localRewrite());
  }
}
