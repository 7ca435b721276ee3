package io.dcnet.l4lb.nft;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When {@link NftDataPlane} sends updates through its {@code nft -i} session. After {@value
 * #FAILURES_TO_PAUSE} process failures in a row (each one costs a full table replacement) the
 * session is paused: updates spawn {@code nft -f} for {@link #FIRST_PAUSE}, then the session is
 * tried again. Each pause that ends in failures again is twice as long, up to {@link #MAX_PAUSE};
 * an update that nft answered (applied or refused) resets both the count and the pause length.
 *
 * <p>Not thread-safe: confined to the data plane's sync thread.
 */
final class NftSessionBackoff {
  /** Failures of the {@code nft -i} process in a row that pause the session. */
  static final int FAILURES_TO_PAUSE = 3;

  static final Duration FIRST_PAUSE = Duration.ofMinutes(10);
  static final Duration MAX_PAUSE = Duration.ofHours(1);

  private final LongSupplier nanos;
  private int failures;
  private Duration nextPause = FIRST_PAUSE;
  private boolean paused;
  private long pausedUntil;

  /**
   * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime}; tests: a fake one)
   */
  NftSessionBackoff(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /**
   * Whether the next update may use the session: false while paused. The first call after a pause
   * is over ends it and returns true.
   */
  boolean usable() {
    if (paused && nanos.getAsLong() - pausedUntil >= 0) {
      paused = false;
      failures = 0;
    }
    return !paused;
  }

  /** True while updates must not use the session (does not end a pause that is over). */
  boolean paused() {
    return paused;
  }

  /** nft answered the update (applied it, or refused it): the session works. */
  void answered() {
    failures = 0;
    nextPause = FIRST_PAUSE;
  }

  /**
   * The process failed (died, timed out, answered garbage).
   *
   * @return the pause that starts now, or null when the session stays in use
   */
  Duration failed() {
    if (++failures < FAILURES_TO_PAUSE) {
      return null;
    }
    Duration pause = nextPause;
    paused = true;
    pausedUntil = nanos.getAsLong() + pause.toNanos();
    Duration doubled = pause.multipliedBy(2);
    nextPause = doubled.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : doubled;
    return pause;
  }
}
