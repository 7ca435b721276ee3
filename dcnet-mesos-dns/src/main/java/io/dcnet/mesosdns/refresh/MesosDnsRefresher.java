package io.dcnet.mesosdns.refresh;

import io.dcnet.core.lifecycle.DaemonThreads;
import io.dcnet.core.net.HostResolver;
import io.dcnet.dns.records.RecordSet;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.records.GeneratedRecords;
import io.dcnet.mesosdns.records.MesosDnsSnapshot;
import io.dcnet.mesosdns.records.RecordGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mesos-DNS's refresh loop (spec/mesos-dns.md section 2.3): fetches state every {@code
 * refreshSeconds}, and at once when the master list changes; builds a brand-new {@link
 * MesosDnsSnapshot} (serial = Unix seconds of the refresh, from the injected clock) and swaps it
 * in. A failed refresh logs one error line, counts a failure and keeps the previous snapshot. The
 * ready latch opens after the first success.
 *
 * <p>Thread-safe. Refreshes run on one owned scheduler thread ({@code mesos-dns-refresh}) and never
 * overlap (a lock also covers {@link #refreshNow()} called from another thread). Listeners are
 * called on the refreshing thread. Readers use {@link #current()} from any thread.
 */
public final class MesosDnsRefresher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MesosDnsRefresher.class);

  private final MesosDnsConfig cfg;
  private final StateSource source;
  private final HostResolver resolver;
  private final Supplier<List<String>> listenerAddresses;
  private final Clock clock;
  private final AtomicReference<List<String>> masters;
  private final AtomicReference<MesosDnsSnapshot> current = new AtomicReference<>();
  private final List<Consumer<MesosDnsSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong successes = new AtomicLong();
  private final AtomicBoolean immediatePending = new AtomicBoolean();
  private final ReentrantLock refreshLock = new ReentrantLock();
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile ScheduledFuture<?> periodic;

  /**
   * Creates a stopped refresher.
   *
   * @param initialMasters the configured masters, or {@code ["", masters...]} before ZooKeeper
   *     detection
   * @param listenerAddresses local non-loopback addresses for the nameserver record (read on every
   *     refresh; only used when the listener is a wildcard address)
   */
  public MesosDnsRefresher(
      MesosDnsConfig cfg,
      List<String> initialMasters,
      StateSource source,
      HostResolver resolver,
      Supplier<List<String>> listenerAddresses,
      Clock clock) {
    this.cfg = Objects.requireNonNull(cfg, "cfg");
    this.masters = new AtomicReference<>(List.copyOf(initialMasters));
    this.source = Objects.requireNonNull(source, "source");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.listenerAddresses = Objects.requireNonNull(listenerAddresses, "listenerAddresses");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mesos-dns-refresh"));
  }

  /** Starts the loop: a refresh now, then one every {@code refreshSeconds}. Idempotent. */
  public void start() {
    if (started.compareAndSet(false, true)) {
      periodic =
          scheduler.scheduleWithFixedDelay(
              this::refreshNow, 0, cfg.refreshSeconds(), TimeUnit.SECONDS);
    }
  }

  /** A new master list (from ZooKeeper): stored, and a refresh is run at once if started. */
  public void mastersChanged(List<String> newMasters) {
    masters.set(List.copyOf(newMasters));
    if (started.get() && immediatePending.compareAndSet(false, true)) {
      try {
        scheduler.execute(
            () -> {
              immediatePending.set(false);
              refreshNow();
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        immediatePending.set(false); // closed
      }
    }
  }

  /** Runs one refresh on the calling thread (waits for a running one); true on success. */
  public boolean refreshNow() {
    refreshLock.lock();
    try {
      List<String> m = masters.get();
      MasterState state = source.fetch(m);
      if (state == null || state.leader().isEmpty()) {
        throw new MesosStateException("empty master: the state has no leader");
      }
      GeneratedRecords gen =
          RecordGenerator.generate(state, m, cfg, resolver, listenerAddresses.get());
      Instant now = clock.instant();
      MesosDnsSnapshot snap =
          new MesosDnsSnapshot(gen.records(), gen.enumeration(), now.getEpochSecond(), now);
      MesosDnsSnapshot old = current.getAndSet(snap);
      successes.incrementAndGet();
      logChanges(old == null ? RecordSet.empty() : old.records(), snap.records());
      ready.countDown();
      notifyListeners(snap);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(e);
    } catch (Exception e) {
      return fail(e);
    } finally {
      refreshLock.unlock();
    }
  }

  private boolean fail(Exception e) {
    long n = failures.incrementAndGet();
    LOG.error("refresh failed ({} so far), keeping the previous records: {}", n, describe(e));
    return false;
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(e.toString());
    for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
      sb.append("; caused by ").append(c);
      if (c.getCause() == c) {
        break;
      }
    }
    return sb.toString();
  }

  private void logChanges(RecordSet before, RecordSet after) {
    RecordDiff diff = RecordDiff.between(before, after);
    if (diff.isEmpty()) {
      return;
    }
    LOG.info(
        "records refreshed: {} names added, {} removed, {} changed ({} values in total)",
        diff.added().size(),
        diff.removed().size(),
        diff.changed().size(),
        after.size());
    LOG.debug("names added: {}", diff.added());
    LOG.debug("names removed: {}", diff.removed());
    LOG.debug("names changed: {}", diff.changed());
  }

  private void notifyListeners(MesosDnsSnapshot snap) {
    for (Consumer<MesosDnsSnapshot> l : listeners) {
      try {
        l.accept(snap);
      } catch (RuntimeException e) {
        LOG.error("snapshot listener {} failed: {}", l, describe(e));
      }
    }
  }

  /** Called with every new snapshot, on the refreshing thread. */
  public void addListener(Consumer<MesosDnsSnapshot> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The snapshot in service, if any refresh has succeeded. */
  public Optional<MesosDnsSnapshot> current() {
    return Optional.ofNullable(current.get());
  }

  /** The current master list. */
  public List<String> masters() {
    return masters.get();
  }

  /** True once the first refresh has succeeded. */
  public boolean isReady() {
    return ready.getCount() == 0;
  }

  /** Waits up to {@code timeout} for the first successful refresh; true if it happened. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Number of failed refreshes so far. */
  public long failures() {
    return failures.get();
  }

  /** Number of successful refreshes so far. */
  public long successes() {
    return successes.get();
  }

  /** Stops the scheduler thread (a running refresh finishes). */
  @Override
  public void close() {
    ScheduledFuture<?> p = periodic;
    if (p != null) {
      p.cancel(false);
    }
    scheduler.shutdownNow();
  }
}
