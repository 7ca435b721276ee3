package io.dcnet.discovery;

import java.time.Duration;
import java.util.Objects;

/**
 * Timings of {@link MesosZoneController} (spec dcos-net.md 2.4/2.5).
 *
 * <p>Thread-safe: immutable.
 *
 * @param publishInterval minimum time between two publishes; changes are coalesced over it
 * @param awaitAgents how long to wait for agents known before a resubscription to re-register
 * @param awaitTasks how long to wait for their tasks after that
 * @param mastersRefresh how often the masters supplier is read
 * @param tickInterval how often {@link MesosZoneController#tick()} runs once started
 */
public record ControllerOptions(
    Duration publishInterval,
    Duration awaitAgents,
    Duration awaitTasks,
    Duration mastersRefresh,
    Duration tickInterval) {

  public ControllerOptions {
    positive(publishInterval, "publishInterval");
    nonNegative(awaitAgents, "awaitAgents");
    nonNegative(awaitTasks, "awaitTasks");
    positive(mastersRefresh, "mastersRefresh");
    positive(tickInterval, "tickInterval");
  }

  /** 1 s, 10 min, 10 s, 5 s, 100 ms: dcos-net's values. */
  public static ControllerOptions defaults() {
    return new ControllerOptions(
        Duration.ofSeconds(1),
        Duration.ofMinutes(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofMillis(100));
  }

  private static void positive(Duration d, String field) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + ": " + d + " (expected: > 0)");
    }
  }

  private static void nonNegative(Duration d, String field) {
    Objects.requireNonNull(d, field);
    if (d.isNegative()) {
      throw new IllegalArgumentException(field + ": " + d + " (expected: >= 0)");
    }
  }
}
