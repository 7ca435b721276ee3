package io.dcnet.discovery;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.mesos.stream.ClusterChange;
import io.dcnet.mesos.stream.ClusterListener;
import io.dcnet.mesos.stream.ClusterSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@code dcos.thisdcos.directory} zone in step with the Mesos event stream and publishes
 * it to a sink, at most once per {@code publishInterval} (spec dcos-net.md 2.4, 2.5). It routes
 * events and timer ticks to its parts:
 *
 * <ul>
 *   <li>{@link ClusterEntriesTracker}: incremental upkeep of the zone's entries (only the tasks a
 *       change touches are recomputed; tasks whose agent or framework is unknown are held back);
 *   <li>{@link MastersSource}: the {@code master.} entries, re-read every {@code mastersRefresh};
 *   <li>{@link FailoverTracker}: the failover phases below;
 *   <li>{@link ZonePublisher}: coalescing, carry-over and the sink.
 * </ul>
 *
 * <p><b>Coalescing.</b> Publishes are at least {@code publishInterval} apart. A change when the
 * last publish is older than that is published at the next {@link #tick()}; a change sooner than
 * that is published when the interval since the last publish ends, together with whatever else
 * changed meanwhile; only a zone that differs from the last published one is published.
 *
 * <p><b>Failover phases.</b> {@code INIT} until the first {@code Resynced}. Every {@code Resynced}
 * (a (re)subscription) keeps the last published zone as the <i>carried</i> zone, then enters:
 *
 * <ul>
 *   <li>{@code AWAIT_AGENTS} if agents known before the resubscription are missing from the new
 *       snapshot: until all of them re-registered (or were removed), at most {@code awaitAgents};
 *   <li>{@code AWAIT_TASKS} for {@code awaitTasks};
 *   <li>{@code SERVE}: the zone is published exactly as computed, and follows every delta.
 * </ul>
 *
 * <p>The exact rule: while not serving, the zone published is the union of the carried zone and the
 * current zone (with {@code leader.dcos.thisdcos.directory} taken from the current zone when it has
 * one). So no name or value published before the resubscription disappears until {@code SERVE}; new
 * ones appear at once. Entering {@code SERVE} publishes the current zone. Nothing is published in
 * {@code INIT}.
 *
 * <p>Thread-safe: {@link #onChange} (subscriber thread) and {@link #tick()} (timer thread) are
 * serialized on this object, which also guards all its parts; the sink is called from {@link
 * #tick()} while holding that lock, so publishes are in order, and must return quickly.
 */
public final class MesosZoneController implements ClusterListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MesosZoneController.class);

  private final Clock clock;
  private final ControllerOptions options;
  private final AtomicLong tickFailures = new AtomicLong();

  // guarded by this
  private final ClusterEntriesTracker entries;
  private final MastersSource masters;
  private final FailoverTracker failover;
  private final ZonePublisher publisher;
  private ScheduledFuture<?> timer;
  private boolean tickFailing; // timer thread only

  /**
   * @param masters every master's IP (or host name), read at each resubscription and every {@code
   *     mastersRefresh}
   * @param sink receives each published zone (called under this controller's lock)
   */
  public MesosZoneController(
      TaskRecords records,
      Supplier<List<String>> masters,
      Consumer<DnsZone> sink,
      Clock clock,
      ControllerOptions options) {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(masters, "masters");
    Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.entries = new ClusterEntriesTracker(records);
    this.masters = new MastersSource(masters, records, options.mastersRefresh());
    this.failover = new FailoverTracker(options);
    this.publisher = new ZonePublisher(sink, options.publishInterval());
  }

  /** Runs {@link #tick()} every {@code tickInterval} on {@code timerThread}. */
  public synchronized void start(ScheduledExecutorService timerThread) {
    if (timer != null) {
      throw new IllegalStateException("already started");
    }
    long period = options.tickInterval().toNanos();
    timer = timerThread.scheduleAtFixedRate(this::safeTick, period, period, TimeUnit.NANOSECONDS);
  }

  /** Stops the timer (the executor is the caller's). */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  @Override
  public synchronized void onChange(ClusterChange change, ClusterSnapshot after) {
    Instant now = clock.instant();
    switch (change) {
      case ClusterChange.Resynced r -> resync(r.snapshot(), now);
      case ClusterChange.TaskChanged tc -> entries.taskChanged(tc.taskId(), tc.current());
      case ClusterChange.AgentAdded a -> {
        entries.agentAdded(a.agent());
        failover.agentSettled(a.agent().id());
      }
      case ClusterChange.AgentRemoved a -> {
        entries.agentRemoved(a.agent().id());
        failover.agentSettled(a.agent().id());
      }
      case ClusterChange.FrameworkAdded f -> entries.frameworkAdded(f.framework());
      case ClusterChange.FrameworkRemoved f -> entries.frameworkRemoved(f.framework().id());
    }
    markDirty(now);
    advancePhase(now);
  }

  /** Timer entry point: refreshes masters, advances phases, publishes when due. */
  public synchronized void tick() {
    Instant now = clock.instant();
    if (failover.phase() != FailoverPhase.INIT && masters.due(now)) {
      if (readMasters(now)) {
        markDirty(now);
      }
    }
    advancePhase(now);
    // if the sink throws, the publish stays due and the next tick retries
    publisher.publishIfDue(now, entries::toZone, failover.phase());
  }

  /** The current phase. */
  public synchronized FailoverPhase phase() {
    return failover.phase();
  }

  /** The zone as computed now (what {@code SERVE} would publish). */
  public synchronized DnsZone currentZone() {
    return entries.toZone();
  }

  /** The zone last handed to the sink, if any. */
  public synchronized Optional<DnsZone> lastPublished() {
    return Optional.ofNullable(publisher.lastPublished());
  }

  /** Number of zones handed to the sink. */
  public synchronized long publishCount() {
    return publisher.publishCount();
  }

  /** Ticks that threw (logged once per failure streak). */
  public long tickFailures() {
    return tickFailures.get();
  }

  private void safeTick() {
    try {
      tick();
      tickFailing = false;
    } catch (RuntimeException e) {
      tickFailures.incrementAndGet();
      if (!tickFailing) {
        LOG.warn("dns zone {}: tick failed; retrying every tick", TaskRecords.ZONE, e);
      }
      tickFailing = true;
    }
  }

  private void resync(ClusterSnapshot s, Instant now) {
    publisher.carryLastPublished();
    Set<String> missingAgents = entries.reset(s); // master entries kept if the list fails now
    readMasters(now);
    failover.resubscribed(missingAgents, now);
  }

  /** Returns true if the master entries changed. */
  private boolean readMasters(Instant now) {
    return masters.read(now).map(entries::replaceMasters).orElse(false);
  }

  private void advancePhase(Instant now) {
    if (failover.advance(now)) {
      publisher.publishSoon(now);
    }
  }

  private void markDirty(Instant now) {
    if (failover.phase() != FailoverPhase.INIT) {
      publisher.changed(now);
    }
  }
}
