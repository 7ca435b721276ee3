package io.dcnet.mesos.stream;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Jittered exponential backoff: attempt {@code n} (from 0) waits a uniformly random time in {@code
 * [d/2, d]} where {@code d = min(max, min * 2^n)}.
 *
 * <p>Not thread-safe when the random generator is not; used by one thread.
 */
public final class Backoff {
  private final Duration min;
  private final Duration max;
  private final RandomGenerator random;

  public Backoff(Duration min, Duration max, RandomGenerator random) {
    if (min.isNegative() || min.isZero()) {
      throw new IllegalArgumentException("backoffMin: " + min + " (expected: > 0)");
    }
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "backoffMax: " + max + " (expected: >= backoffMin " + min + ")");
    }
    this.min = min;
    this.max = max;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The delay before retry number {@code attempt} (0 = first retry). */
  public Duration delay(int attempt) {
    long minNanos = min.toNanos();
    long maxNanos = max.toNanos();
    int shift = Math.min(Math.max(attempt, 0), 62);
    long ceiling =
        minNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, minNanos << shift);
    long floor = ceiling / 2;
    return Duration.ofNanos(floor + random.nextLong(ceiling - floor + 1));
  }
}
