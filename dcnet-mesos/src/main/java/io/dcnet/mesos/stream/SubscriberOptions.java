package io.dcnet.mesos.stream;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Tuning of {@link OperatorApiSubscriber}.
 *
 * <p>Thread-safe: immutable (the random generator is used by the reader thread only).
 *
 * @param backoffMin first reconnect delay (jittered down to half)
 * @param backoffMax cap of the reconnect delay
 * @param deadStreamHeartbeats a stream with no bytes for this many heartbeat intervals is dead
 * @param idleTimeoutWithoutHeartbeat the dead-stream limit when the master announces no heartbeat
 *     interval (Mesos &lt; 1.5), and while waiting for {@code SUBSCRIBED}
 * @param random jitter source (inject a seeded one in tests)
 * @param sleeper how reconnect delays are waited (inject a recording one in tests)
 */
public record SubscriberOptions(
    Duration backoffMin,
    Duration backoffMax,
    int deadStreamHeartbeats,
    Duration idleTimeoutWithoutHeartbeat,
    RandomGenerator random,
    Sleeper sleeper) {

  /** Waits a delay; returns early (without error) when the subscriber closes. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;
  }

  public SubscriberOptions {
    new Backoff(backoffMin, backoffMax, Objects.requireNonNull(random, "random"));
    if (deadStreamHeartbeats < 1) {
      throw new IllegalArgumentException(
          "deadStreamHeartbeats: " + deadStreamHeartbeats + " (expected: >= 1)");
    }
    if (idleTimeoutWithoutHeartbeat.isNegative() || idleTimeoutWithoutHeartbeat.isZero()) {
      throw new IllegalArgumentException(
          "idleTimeoutWithoutHeartbeat: " + idleTimeoutWithoutHeartbeat + " (expected: > 0)");
    }
    Objects.requireNonNull(sleeper, "sleeper");
  }

  /** 1 s to 30 s backoff, 5 heartbeats, 5 min idle limit, real sleeping. */
  public static SubscriberOptions defaults() {
    return new SubscriberOptions(
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        5,
        Duration.ofMinutes(5),
        RandomGenerator.getDefault(),
        d -> Thread.sleep(d));
  }

  /** Returns a copy with other backoff bounds. */
  public SubscriberOptions withBackoff(Duration min, Duration max) {
    return new SubscriberOptions(
        min, max, deadStreamHeartbeats, idleTimeoutWithoutHeartbeat, random, sleeper);
  }

  /** Returns a copy with another idle limit. */
  public SubscriberOptions withIdleTimeout(Duration idle) {
    return new SubscriberOptions(
        backoffMin, backoffMax, deadStreamHeartbeats, idle, random, sleeper);
  }

  /** Returns a copy with another jitter source and sleeper. */
  public SubscriberOptions withRandomAndSleeper(RandomGenerator r, Sleeper s) {
    return new SubscriberOptions(
        backoffMin, backoffMax, deadStreamHeartbeats, idleTimeoutWithoutHeartbeat, r, s);
  }
}
