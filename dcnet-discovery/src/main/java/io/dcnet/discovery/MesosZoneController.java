package io.dcnet.discovery;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.stream.ClusterChange;
import io.dcnet.mesos.stream.ClusterListener;
import io.dcnet.mesos.stream.ClusterSnapshot;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@code dcos.thisdcos.directory} zone in step with the Mesos event stream and publishes
 * it to a sink, at most once per {@code publishInterval} (spec dcos-net.md 2.4, 2.5).
 *
 * <p><b>Incremental upkeep.</b> Each task's entries ({@link TaskRecords#forTask}) are kept by task
 * id and reference-counted in a {@link RecordTable}; a task, agent or framework change recomputes
 * only the tasks it touches. Tasks whose agent or framework is unknown are held back (no records).
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
 * ones appear at once. Entering {@code SERVE} publishes the current zone.
 *
 * <p>Thread-safe: {@link #onChange} (subscriber thread) and {@link #tick()} (timer thread) are
 * serialized on this object; the sink is called from {@link #tick()} while holding that lock, so
 * publishes are in order, and must return quickly.
 */
public final class MesosZoneController implements ClusterListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MesosZoneController.class);
  private static final String LEADER = "leader." + TaskRecords.ZONE;

  private final TaskRecords records;
  private final Supplier<List<String>> masters;
  private final Consumer<DnsZone> sink;
  private final Clock clock;
  private final ControllerOptions options;
  private final AtomicLong tickFailures = new AtomicLong();

  // guarded by this
  private final RecordTable table = new RecordTable();
  private final Map<String, List<InetAddress>> agentIps = new HashMap<>();
  private final Map<String, String> frameworkNames = new HashMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, List<ZoneEntry>> taskEntries = new HashMap<>();
  private List<ZoneEntry> masterEntries = List.of();
  private final FailoverTracker failover;
  private DnsZone carried = DnsZone.empty(TaskRecords.ZONE);
  private DnsZone lastPublished;
  private Instant lastPublishAt = Instant.MIN;
  private Instant dueAt; // null: nothing pending
  private Instant mastersReadAt = Instant.MIN;
  private long publishCount;
  private ScheduledFuture<?> timer;
  private boolean tickFailing; // timer thread only
  private boolean mastersFailing;

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
    this.records = Objects.requireNonNull(records, "records");
    this.masters = Objects.requireNonNull(masters, "masters");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.failover = new FailoverTracker(options);
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
      case ClusterChange.TaskChanged tc -> {
        if (tc.current() == null) {
          tasks.remove(tc.taskId());
        } else {
          tasks.put(tc.taskId(), tc.current());
        }
        recompute(tc.taskId());
      }
      case ClusterChange.AgentAdded a -> {
        agentIps.put(a.agent().id(), records.agentIps(a.agent()));
        failover.agentSettled(a.agent().id());
        recomputeWhere(t -> t.agentId().equals(a.agent().id()));
      }
      case ClusterChange.AgentRemoved a -> {
        agentIps.remove(a.agent().id());
        failover.agentSettled(a.agent().id());
        recomputeWhere(t -> t.agentId().equals(a.agent().id()));
      }
      case ClusterChange.FrameworkAdded f -> {
        frameworkNames.put(f.framework().id(), f.framework().name());
        recomputeWhere(t -> t.frameworkId().equals(f.framework().id()));
      }
      case ClusterChange.FrameworkRemoved f -> {
        frameworkNames.remove(f.framework().id());
        recomputeWhere(t -> t.frameworkId().equals(f.framework().id()));
      }
    }
    markDirty(now);
    advancePhase(now);
  }

  /** Timer entry point: refreshes masters, advances phases, publishes when due. */
  public synchronized void tick() {
    Instant now = clock.instant();
    if (failover.phase() != FailoverPhase.INIT
        && !now.isBefore(mastersReadAt.plus(options.mastersRefresh()))) {
      if (readMasters(now)) {
        markDirty(now);
      }
    }
    advancePhase(now);
    if (dueAt != null && !now.isBefore(dueAt)) {
      publish(now); // if the sink throws, dueAt stays set and the next tick retries
      dueAt = null;
    }
  }

  /** The current phase. */
  public synchronized FailoverPhase phase() {
    return failover.phase();
  }

  /** The zone as computed now (what {@code SERVE} would publish). */
  public synchronized DnsZone currentZone() {
    return table.toZone(TaskRecords.ZONE);
  }

  /** The zone last handed to the sink, if any. */
  public synchronized Optional<DnsZone> lastPublished() {
    return Optional.ofNullable(lastPublished);
  }

  /** Number of zones handed to the sink. */
  public synchronized long publishCount() {
    return publishCount;
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
    Set<String> before = new HashSet<>(agentIps.keySet());
    carried = lastPublished == null ? DnsZone.empty(TaskRecords.ZONE) : lastPublished;
    table.clear();
    agentIps.clear();
    frameworkNames.clear();
    tasks.clear();
    taskEntries.clear();
    s.agents().values().forEach((Agent a) -> agentIps.put(a.id(), records.agentIps(a)));
    s.frameworks().values().forEach((Framework f) -> frameworkNames.put(f.id(), f.name()));
    tasks.putAll(s.tasks());
    tasks.keySet().forEach(this::recompute);
    table.add(records.forLeader(s.leader()));
    table.add(masterEntries); // kept if the masters list fails now
    readMasters(now);
    before.removeAll(agentIps.keySet());
    failover.resubscribed(before, now);
  }

  private boolean readMasters(Instant now) {
    mastersReadAt = now;
    List<String> list;
    try {
      list = masters.get();
    } catch (RuntimeException e) {
      if (!mastersFailing) {
        LOG.warn(
            "dns zone {}: masters list failed ({}); keeping the last",
            TaskRecords.ZONE,
            e.toString());
      }
      mastersFailing = true;
      return false;
    }
    mastersFailing = false;
    List<ZoneEntry> next = records.forMasters(list);
    if (next.equals(masterEntries)) {
      return false;
    }
    table.remove(masterEntries);
    masterEntries = next;
    table.add(masterEntries);
    return true;
  }

  private void recomputeWhere(Predicate<Task> p) {
    tasks.values().stream().filter(p).map(Task::id).toList().forEach(this::recompute);
  }

  private void recompute(String taskId) {
    List<ZoneEntry> old = taskEntries.remove(taskId);
    if (old != null) {
      table.remove(old);
    }
    Task t = tasks.get(taskId);
    if (t == null) {
      return;
    }
    List<InetAddress> ips = agentIps.get(t.agentId());
    String fw = frameworkNames.get(t.frameworkId());
    if (ips == null || fw == null) {
      return; // held back until agent and framework are known
    }
    List<ZoneEntry> entries = records.forTask(t, ips, fw);
    if (!entries.isEmpty()) {
      taskEntries.put(taskId, entries);
      table.add(entries);
    }
  }

  private void advancePhase(Instant now) {
    if (failover.advance(now)) {
      Instant earliest = lastPublishAt.plus(options.publishInterval());
      dueAt = now.isAfter(earliest) ? now : earliest;
    }
  }

  private void markDirty(Instant now) {
    if (dueAt == null && failover.phase() != FailoverPhase.INIT) {
      // leading edge: a change after a quiet second goes out at the next tick; changes within a
      // second of the last publish wait for the window to close (still at most one per interval)
      Instant earliest = lastPublishAt.plus(options.publishInterval());
      dueAt = now.isAfter(earliest) ? now : earliest;
    }
  }

  private void publish(Instant now) {
    DnsZone current = table.toZone(TaskRecords.ZONE);
    DnsZone zone = failover.phase() == FailoverPhase.SERVE ? current : carryOver(current);
    if (zone.equals(lastPublished)) {
      return;
    }
    DnsZone before = lastPublished == null ? DnsZone.empty(TaskRecords.ZONE) : lastPublished;
    sink.accept(zone);
    lastPublished = zone;
    lastPublishAt = now;
    publishCount++;
    LOG.info(
        "dns zone {}: published {} names, {} records ({} names added, {} removed; phase {})",
        TaskRecords.ZONE,
        zone.records().size(),
        zone.size(),
        ZoneOrder.namesAdded(before, zone),
        ZoneOrder.namesAdded(zone, before),
        failover.phase());
  }

  private DnsZone carryOver(DnsZone current) {
    DnsZone union = ZoneOrder.union(current, carried);
    List<ZoneRecord> leader = current.records().get(LEADER);
    if (leader == null) {
      return union;
    }
    Map<String, List<ZoneRecord>> byName = new LinkedHashMap<>(union.records());
    byName.put(LEADER, leader);
    return new DnsZone(union.name(), byName);
  }
}
