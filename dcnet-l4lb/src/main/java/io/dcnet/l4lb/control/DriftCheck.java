package io.dcnet.l4lb.control;

import io.dcnet.l4lb.dataplane.DataPlaneException;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one reconcile reads back, and the comparison. Every reconcile runs the data plane's {@link
 * L4DataPlane#quickCheck}; the full read-back ({@link L4DataPlane#installed}) runs as often as its
 * cost allows: after a read-back that took {@code t}, the next one waits {@code 50 t} (so
 * read-backs use at most about 2 % of the sync thread's time), but never less than the reconcile
 * interval and never more than {@link #MAX_SPACING_FACTOR} intervals. A cheap read-back (the
 * userspace proxy, a small table) therefore still runs at every reconcile; the nftables table at
 * 10,000 VIPs x 5 backends (about 1.6 s to list) is read back every 80 s or so, and checked cheaply
 * in between.
 *
 * <p>Not thread-safe: owned by the controller's sync thread.
 */
final class DriftCheck {
  /** A full read-back may take this fraction (1 / n) of the time between two of them. */
  static final int COST_DIVISOR = 50;

  /** Full read-backs are at most this many reconcile intervals apart. */
  static final int MAX_SPACING_FACTOR = 10;

  private static final Duration RECONCILE_SLACK = Duration.ofMillis(100);

  private final L4DataPlane dataPlane;
  private final L4lbMetrics metrics;
  private final Clock clock;
  private final Duration interval;
  private Instant nextReconcile = Instant.MIN;
  private Instant nextFull = Instant.MIN;
  private Duration lastFullCost = Duration.ZERO;
  private long fullReads;
  private long quickChecks;

  DriftCheck(L4DataPlane dataPlane, L4lbMetrics metrics, Clock clock, Duration interval) {
    this.dataPlane = dataPlane;
    this.metrics = metrics;
    this.clock = clock;
    this.interval = interval;
  }

  /** True when a reconcile is due: an interval has passed since the last sync or check. */
  boolean due(Instant now) {
    return !now.plus(RECONCILE_SLACK).isBefore(nextReconcile);
  }

  /** The data plane was just synced: the next reconcile is an interval from {@code now}. */
  void synced(Instant now) {
    nextReconcile = now.plus(interval);
  }

  /**
   * Checks the installed state against {@code desired}; returns a summary of the difference found,
   * or empty when there is none (or none a quick check can see). The next reconcile is due an
   * interval after {@code now}, also when this throws.
   *
   * @throws DataPlaneException when the data plane cannot be read
   */
  Optional<String> check(L4Snapshot desired, Instant now) throws DataPlaneException {
    nextReconcile = now.plus(interval);
    quickChecks++;
    Optional<String> quick = dataPlane.quickCheck();
    if (quick.isPresent()) {
      nextFull = Instant.MIN;
      return quick;
    }
    Instant start = clock.instant();
    // half an interval of slack: a reconcile that runs a little early still reads back
    if (start.plus(interval.dividedBy(2)).isBefore(nextFull)) {
      return Optional.empty();
    }
    nextFull = Instant.MIN; // a read-back that throws is tried again at the next reconcile
    L4Snapshot installed = dataPlane.installed();
    lastFullCost = Duration.between(start, clock.instant());
    nextFull = start.plus(spacing(lastFullCost, interval));
    fullReads++;
    metrics.readBack(lastFullCost);
    if (installed.equals(desired)) {
      return Optional.empty();
    }
    return Optional.of(SnapshotDiff.summary(desired, installed));
  }

  /** The time from one full read-back to the next, given what the last one cost. */
  static Duration spacing(Duration cost, Duration interval) {
    Duration wanted = cost.multipliedBy(COST_DIVISOR);
    Duration max = interval.multipliedBy(MAX_SPACING_FACTOR);
    if (wanted.compareTo(interval) < 0) {
      return interval;
    }
    return wanted.compareTo(max) > 0 ? max : wanted;
  }

  /** How long the last full read-back took. */
  Duration lastFullCost() {
    return lastFullCost;
  }

  /** Full read-backs so far. */
  long fullReads() {
    return fullReads;
  }

  /** Reconcile checks so far (each ran the quick check; some also the full read-back). */
  long checks() {
    return quickChecks;
  }
}
