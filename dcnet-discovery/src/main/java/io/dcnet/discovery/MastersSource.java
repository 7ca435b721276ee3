package io.dcnet.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the masters list (IPs or host names) from the daemon's supplier into {@code master.}
 * entries, and says when the next refresh is due. A supplier that throws is logged once per failure
 * streak; the caller keeps its last entries.
 *
 * <p>Not thread-safe: guarded by {@link MesosZoneController}'s lock.
 */
final class MastersSource {
  // the controller's log category, so operators' logger configuration keeps matching
  private static final Logger LOG = LoggerFactory.getLogger(MesosZoneController.class);

  private final Supplier<List<String>> masters;
  private final TaskRecords records;
  private final Duration refresh;
  private Instant readAt = Instant.MIN;
  private boolean failing;

  MastersSource(Supplier<List<String>> masters, TaskRecords records, Duration refresh) {
    this.masters = masters;
    this.records = records;
    this.refresh = refresh;
  }

  /** True if the last read (successful or not) is at least {@code refresh} old. */
  boolean due(Instant now) {
    return !now.isBefore(readAt.plus(refresh));
  }

  /**
   * Reads the list now (a failure counts as a read for {@link #due}).
   *
   * @return the master entries, or empty if the supplier threw
   */
  Optional<List<ZoneEntry>> read(Instant now) {
    readAt = now;
    List<String> list;
    try {
      list = masters.get();
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn(
            "dns zone {}: masters list failed ({}); keeping the last",
            TaskRecords.ZONE,
            e.toString());
      }
      failing = true;
      return Optional.empty();
    }
    failing = false;
    return Optional.of(records.forMasters(list));
  }
}
