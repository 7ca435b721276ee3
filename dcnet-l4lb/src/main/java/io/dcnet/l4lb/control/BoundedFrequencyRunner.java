package io.dcnet.l4lb.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sync function on a scheduler, kube-proxy style: at most once per {@code minInterval}
 * (measured from the start of one run to the start of the next), at least once per {@code
 * maxInterval} after the last run, as soon as allowed after {@link #run()} (requests are
 * coalesced), and after a failure again after a retry delay ({@code retryInitial}, doubling up to
 * {@code retryMax}, reset by a success). Failures never stop it: the first failure of a streak is
 * logged at WARN with its cause, later ones at DEBUG, the recovery at INFO.
 *
 * <p>Thread-safe: {@link #run()} may be called from any thread. The sync function runs on the
 * scheduler's threads, never twice at the same time (use a single-threaded scheduler so that it
 * always runs on the same thread). Times come from the injected clock; delays handed to the
 * scheduler are computed from it, so a test scheduler driven by a manual clock makes it
 * deterministic.
 */
public final class BoundedFrequencyRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BoundedFrequencyRunner.class);

  /** The work to run. Throwing counts as a failure and schedules a retry. */
  @FunctionalInterface
  public interface SyncFunction {
    void sync() throws Exception;
  }

  private final String name;
  private final SyncFunction fn;
  private final Duration minInterval;
  private final Duration maxInterval;
  private final Duration retryInitial;
  private final Duration retryMax;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;

  // guarded by this
  private Instant lastStart;
  private Instant wakeAt;
  private ScheduledFuture<?> wake;
  private boolean running;
  private boolean requestedWhileRunning;
  private Duration retryDelay;
  private int failureStreak;
  private long runs;
  private long failures;
  private boolean closed;

  public BoundedFrequencyRunner(
      String name,
      SyncFunction fn,
      Duration minInterval,
      Duration maxInterval,
      Duration retryInitial,
      Duration retryMax,
      Clock clock,
      ScheduledExecutorService scheduler) {
    this.name = Objects.requireNonNull(name, "name");
    this.fn = Objects.requireNonNull(fn, "fn");
    this.minInterval = positiveOrZero("minInterval", minInterval);
    this.maxInterval = positiveOrZero("maxInterval", maxInterval);
    this.retryInitial = positiveOrZero("retryInitial", retryInitial);
    this.retryMax = positiveOrZero("retryMax", retryMax);
    if (maxInterval.compareTo(minInterval) < 0) {
      throw new IllegalArgumentException(
          "maxInterval: " + maxInterval + " (expected: at least minInterval " + minInterval + ")");
    }
    if (retryMax.compareTo(retryInitial) < 0) {
      throw new IllegalArgumentException(
          "retryMax: " + retryMax + " (expected: at least retryInitial " + retryInitial + ")");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.retryDelay = retryInitial;
  }

  /** Requests a run: now if the last run started at least {@code minInterval} ago, else then. */
  public synchronized void run() {
    if (closed) {
      return;
    }
    if (running) {
      requestedWhileRunning = true;
      return;
    }
    Instant now = clock.instant();
    Instant due = lastStart == null ? now : max(now, lastStart.plus(minInterval));
    wakeAt(due);
  }

  /** Runs started so far. */
  public synchronized long runs() {
    return runs;
  }

  /** Runs that failed so far. */
  public synchronized long failures() {
    return failures;
  }

  /** When the next run is scheduled, or null when none is (closed, or running). */
  public synchronized Instant nextRunAt() {
    return wakeAt;
  }

  /** Stops scheduling; a run in progress completes. Does not shut down the scheduler. */
  @Override
  public synchronized void close() {
    closed = true;
    if (wake != null) {
      wake.cancel(false);
      wake = null;
    }
    wakeAt = null;
  }

  // caller holds the lock; keeps the earliest wake-up
  private void wakeAt(Instant due) {
    if (closed || (wakeAt != null && !wakeAt.isAfter(due))) {
      return;
    }
    if (wake != null) {
      wake.cancel(false);
    }
    wakeAt = due;
    long delayNanos = Math.max(0, Duration.between(clock.instant(), due).toNanos());
    wake = scheduler.schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void fire() {
    Instant start;
    synchronized (this) {
      if (closed) {
        return;
      }
      start = clock.instant();
      if (wakeAt == null) {
        return; // superseded by an earlier wake-up that already ran
      }
      if (start.isBefore(wakeAt)) {
        Instant due = wakeAt;
        wakeAt = null;
        wakeAt(due); // woke early (clock and scheduler disagree): sleep again
        return;
      }
      if (running) {
        requestedWhileRunning = true;
        return;
      }
      wakeAt = null;
      wake = null;
      running = true;
      lastStart = start;
      runs++;
    }
    Throwable failure = null;
    try {
      fn.sync();
    } catch (Exception | LinkageError | AssertionError e) {
      failure = e;
    }
    finish(start, failure);
  }

  private synchronized void finish(Instant start, Throwable failure) {
    running = false;
    if (failure == null) {
      if (failureStreak > 0) {
        LOG.info("{}: sync succeeded again after {} failed attempt(s)", name, failureStreak);
      }
      failureStreak = 0;
      retryDelay = retryInitial;
    } else {
      failures++;
      failureStreak++;
      if (failureStreak == 1) {
        LOG.warn("{}: sync failed, retrying in {} ms", name, retryDelay.toMillis(), failure);
      } else {
        LOG.debug(
            "{}: sync failed again ({} in a row): {}", name, failureStreak, failure.toString());
      }
      wakeAt(clock.instant().plus(retryDelay));
      Duration doubled = retryDelay.multipliedBy(2);
      retryDelay = doubled.compareTo(retryMax) > 0 ? retryMax : doubled;
    }
    if (requestedWhileRunning) {
      requestedWhileRunning = false;
      wakeAt(max(clock.instant(), start.plus(minInterval)));
    }
    wakeAt(start.plus(maxInterval));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Duration positiveOrZero(String field, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(field + ": " + d + " (expected: a duration >= 0)");
    }
    return d;
  }
}
