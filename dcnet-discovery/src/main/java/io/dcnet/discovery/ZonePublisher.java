package io.dcnet.discovery;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands zones to the sink: coalesces changes so that publishes are at least {@code interval} apart,
 * skips a zone equal to the last published one, and, outside {@code SERVE}, publishes the union of
 * the <i>carried</i> zone (the last one published before a resubscription) and the current zone,
 * with {@code leader.} taken from the current zone when it has one. One INFO line per publish.
 *
 * <p>Not thread-safe: guarded by {@link MesosZoneController}'s lock (the sink is called under it).
 */
final class ZonePublisher {
  // the controller's log category, so operators' logger configuration keeps matching
  private static final Logger LOG = LoggerFactory.getLogger(MesosZoneController.class);
  private static final String LEADER = "leader." + TaskRecords.ZONE;

  private final Consumer<DnsZone> sink;
  private final Duration interval;
  private DnsZone carried = DnsZone.empty(TaskRecords.ZONE);
  private DnsZone lastPublished;
  private Instant lastPublishAt = Instant.MIN;
  private Instant dueAt; // null: nothing pending
  private long publishCount;

  ZonePublisher(Consumer<DnsZone> sink, Duration interval) {
    this.sink = sink;
    this.interval = interval;
  }

  /** A resubscription: what was published so far is carried until {@code SERVE}. */
  void carryLastPublished() {
    carried = lastPublished == null ? DnsZone.empty(TaskRecords.ZONE) : lastPublished;
  }

  /**
   * The zone changed at {@code now}. Leading edge: a change after a quiet interval goes out at the
   * next {@link #publishIfDue}; changes within an interval of the last publish wait for it to end
   * (an already pending publish is not moved).
   */
  void changed(Instant now) {
    if (dueAt == null) {
      dueAt = earliest(now);
    }
  }

  /** Schedules a publish as soon as the interval allows, even if one is pending (phase change). */
  void publishSoon(Instant now) {
    dueAt = earliest(now);
  }

  /**
   * Publishes if a publish is due at {@code now}. If the sink throws, the publish stays due and the
   * exception propagates.
   *
   * @param current computes the zone as it is now (called only when due)
   * @param phase the current phase: {@code SERVE} publishes the current zone exactly
   */
  void publishIfDue(Instant now, Supplier<DnsZone> current, FailoverPhase phase) {
    if (dueAt == null || now.isBefore(dueAt)) {
      return;
    }
    DnsZone zone = current.get();
    publish(now, phase == FailoverPhase.SERVE ? zone : carryOver(zone), phase);
    dueAt = null;
  }

  DnsZone lastPublished() {
    return lastPublished;
  }

  long publishCount() {
    return publishCount;
  }

  private Instant earliest(Instant now) {
    Instant earliest = lastPublishAt.plus(interval);
    return now.isAfter(earliest) ? now : earliest;
  }

  private void publish(Instant now, DnsZone zone, FailoverPhase phase) {
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
        phase);
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
