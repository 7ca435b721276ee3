package io.dcnet.l4lb.names;

import io.dcnet.core.lifecycle.DaemonThreads;
import io.dcnet.l4lb.model.AgentVips;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.l4lb.model.VipBackends;
import io.dcnet.state.ClusterState;
import io.dcnet.state.StateKey;
import io.dcnet.state.Subscription;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on every master; acts only while it holds the {@link AllocatorLeadership}. It watches the 16
 * VIP buckets, allocates addresses in the {@link NamedVipStore} for named VIPs that have at least
 * one backend, publishes them in {@link L4lbKeys#NAMES} (field = name), removes published names
 * without backends, and releases a name's addresses once it has had no backend for the grace period
 * (until then the reservation stays, so a returning VIP gets its old address back). With IPv6
 * enabled it also adds an IPv6 address to every allocated name that has none (IPv4 unchanged); with
 * IPv6 disabled existing IPv6 addresses are kept but no new ones are allocated. When only the IPv6
 * range is full a new name still gets its IPv4 address and IPv6 is retried on later passes; when
 * the IPv4 range is full a new name gets nothing (see {@link NameAllocations}).
 *
 * <p>Meters: see {@link NamedVipMetrics} ({@code names.*}).
 *
 * <p>Never dies: every pass catches, logs (once per failure streak), counts and is retried on the
 * next change or tick.
 *
 * <p>Threading: the state listener only records bucket snapshots; every decision runs on the
 * controller's own thread {@code dcnet-l4lb-names}. Public methods are thread-safe.
 */
public final class NamedVipController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NamedVipController.class);
  private static final long WRITE_TIMEOUT_SECONDS = 10;

  private final ClusterState state;
  private final AllocatorLeadership leadership;
  private final NamedVipSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final Map<Integer, Map<String, AgentVips>> buckets = new ConcurrentHashMap<>();
  private final AtomicBoolean queued = new AtomicBoolean();
  private final AtomicLong errors = new AtomicLong();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final NamedVipMetrics metrics;

  // owned by the controller thread
  private boolean active;
  private Instant activeSince = Instant.EPOCH;
  private final NameAllocations allocated;
  private final Map<String, Instant> goneSince = new HashMap<>();
  private boolean failing;

  /** A controller whose meters go to a private registry (nobody scrapes them). */
  public NamedVipController(
      ClusterState state,
      NamedVipStore store,
      AllocatorLeadership leadership,
      NamedVipSettings settings,
      Clock clock) {
    this(state, store, leadership, settings, clock, new SimpleMeterRegistry());
  }

  /**
   * A controller registering its {@code names.*} meters in {@code registry}; {@link #close()}
   * removes its gauges again (counters stay and keep counting for the next controller).
   */
  public NamedVipController(
      ClusterState state,
      NamedVipStore store,
      AllocatorLeadership leadership,
      NamedVipSettings settings,
      Clock clock,
      MeterRegistry registry) {
    this.state = Objects.requireNonNull(state, "state");
    this.leadership = Objects.requireNonNull(leadership, "leadership");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = new NamedVipMetrics(registry);
    this.allocated =
        new NameAllocations(
            Objects.requireNonNull(store, "store"), settings.ipv6Enabled(), errors, metrics);
    this.executor =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dcnet-l4lb-names"));
  }

  /** Subscribes to the buckets, joins the leader election and starts the periodic re-check. */
  public void start() {
    List<StateKey<AgentVips>> keys = L4lbKeys.buckets();
    for (int i = 0; i < keys.size(); i++) {
      int bucket = i;
      subscriptions.add(
          state.subscribe(
              keys.get(i),
              (k, snapshot) -> {
                buckets.put(bucket, snapshot);
                requestSync();
              }));
    }
    leadership.start(this::requestSync);
    long tick = settings.tick().toMillis();
    executor.scheduleWithFixedDelay(this::requestSync, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Number of failed passes and failed names so far. */
  public long errors() {
    return errors.get();
  }

  private void requestSync() {
    if (queued.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              queued.set(false);
              sync();
            });
      } catch (RejectedExecutionException e) {
        // closed
      }
    }
  }

  private void sync() {
    try {
      if (!leadership.isLeader()) {
        if (active) {
          LOG.info("named VIP allocator role lost");
          active = false;
          allocated.clear();
          goneSince.clear();
        }
        return;
      }
      Instant now = clock.instant();
      if (!active) {
        allocated.reload();
        goneSince.clear();
        active = true;
        activeSince = now;
        LOG.info("named VIP allocator role acquired, {} names allocated", allocated.size());
      }
      pass(now);
      if (failing) {
        LOG.info("named VIP sync recovered");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (executor.isShutdown()) {
        return; // interrupted by close()
      }
      errors.incrementAndGet();
      if (e instanceof NamedVipStoreException) {
        metrics.failed(NamedVipMetrics.Reason.STORE);
      }
      if (!failing) {
        LOG.warn("named VIP sync failed, retrying on the next change or tick: {}", e.toString());
        failing = true;
      } else {
        LOG.debug("named VIP sync failed again: {}", e.toString());
      }
    }
  }

  private void pass(Instant now) {
    Set<String> wanted = namesWithBackends();
    goneSince.keySet().removeAll(wanted);
    RuntimeException storeFailure = allocated.allocateMissing(wanted);
    if (storeFailure == null) {
      storeFailure = allocated.addMissingIpv6(wanted);
    }
    Map<String, NamedVipAddress> published = state.get(L4lbKeys.NAMES);
    for (String name : wanted) {
      NamedVipAddress a = allocated.get(name);
      if (a != null && !a.equals(published.get(name))) {
        await(state.put(L4lbKeys.NAMES, name, a));
        LOG.info("published named VIP {} ipv4 {} ipv6 {}", name, a.ipv4(), a.ipv6());
      }
    }
    if (now.isBefore(activeSince.plus(settings.settle()))) {
      rethrow(storeFailure);
      return; // buckets may not have replicated yet: no removals
    }
    for (String name : published.keySet()) {
      if (!wanted.contains(name)) {
        await(state.remove(L4lbKeys.NAMES, name));
        LOG.info("unpublished named VIP {}: no backends", name);
      }
    }
    goneSince.keySet().retainAll(allocated.names());
    for (String name : allocated.names()) {
      if (wanted.contains(name)) {
        continue;
      }
      Instant since = goneSince.computeIfAbsent(name, n -> now);
      if (storeFailure == null && !now.isBefore(since.plus(settings.grace()))) {
        NamedVipAddress a = allocated.release(name);
        goneSince.remove(name);
        LOG.info(
            "released named VIP {} ipv4 {} ipv6 {}: no backends for {}",
            name,
            a.ipv4(),
            a.ipv6(),
            settings.grace());
      }
    }
    rethrow(storeFailure);
  }

  private Set<String> namesWithBackends() {
    Set<String> out = new TreeSet<>();
    for (Map<String, AgentVips> bucket : buckets.values()) {
      for (AgentVips agent : bucket.values()) {
        for (VipBackends vb : agent.vips()) {
          if (vb.vip().isNamed() && !vb.backends().isEmpty()) {
            out.add(vb.vip().host());
          }
        }
      }
    }
    return out;
  }

  private static void rethrow(RuntimeException e) {
    if (e != null) {
      throw e;
    }
  }

  private static void await(CompletionStage<Void> write) {
    try {
      write.toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the cluster state", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cluster state write failed: " + e, e);
    }
  }

  /** Stops the controller and leaves the election; published entries stay. */
  @Override
  public void close() {
    subscriptions.forEach(Subscription::close);
    leadership.close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    metrics.close();
  }
}
