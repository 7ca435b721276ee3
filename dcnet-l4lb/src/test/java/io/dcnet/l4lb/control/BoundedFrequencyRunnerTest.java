package io.dcnet.l4lb.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedFrequencyRunnerTest {
  private final ManualClock clock = new ManualClock();
  private final DeterministicScheduler scheduler = new DeterministicScheduler(clock);
  private final List<Instant> runs = new ArrayList<>();
  private int failuresToInject;

  private final BoundedFrequencyRunner runner =
      new BoundedFrequencyRunner(
          "test",
          () -> {
            runs.add(clock.instant());
            if (failuresToInject > 0) {
              failuresToInject--;
              throw new IllegalStateException("injected");
            }
          },
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          clock,
          scheduler);

  private Duration sinceStart(Instant i) {
    return Duration.between(Instant.parse("2026-01-01T00:00:00Z"), i);
  }

  @Test
  void doesNothingUntilRequestedThenRunsAtOnce() {
    scheduler.advance(Duration.ofMinutes(5));
    assertThat(runs).isEmpty();
    runner.run();
    scheduler.runDue();
    assertThat(runs).hasSize(1);
  }

  @Test
  void runsAtMostOncePerMinInterval() {
    runner.run();
    scheduler.runDue();
    runner.run();
    scheduler.advance(Duration.ofMillis(999));
    assertThat(runs).hasSize(1);
    scheduler.advance(Duration.ofMillis(1));
    assertThat(runs).hasSize(2);
    assertThat(sinceStart(runs.get(1))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void coalescesRequestsWithinTheInterval() {
    runner.run();
    scheduler.runDue();
    for (int i = 0; i < 5; i++) {
      scheduler.advance(Duration.ofMillis(100));
      runner.run();
    }
    scheduler.advance(Duration.ofSeconds(5));
    assertThat(runs).hasSize(2);
    assertThat(runner.runs()).isEqualTo(2);
  }

  @Test
  void runsAtLeastOncePerMaxInterval() {
    runner.run();
    scheduler.runDue();
    scheduler.advance(Duration.ofSeconds(29));
    assertThat(runs).hasSize(1);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(runs).hasSize(2);
    scheduler.advance(Duration.ofSeconds(60));
    assertThat(runs).hasSize(4);
  }

  @Test
  void retriesWithDoublingBackoffAndResetsOnSuccess() {
    failuresToInject = 7;
    runner.run();
    scheduler.advance(Duration.ofSeconds(200));
    // failures at 0, 1, 3, 7, 15, 31, 61 (delay capped at 30 s), success at 91
    assertThat(runs.subList(0, 8).stream().map(this::sinceStart).map(Duration::toSeconds))
        .containsExactly(0L, 1L, 3L, 7L, 15L, 31L, 61L, 91L);
    assertThat(runner.failures()).isEqualTo(7);
    // after the success: back to the max interval, and the next failure retries after 1 s again
    assertThat(sinceStart(runs.get(8)).toSeconds()).isEqualTo(121);
    failuresToInject = 1;
    int before = runs.size();
    scheduler.advance(Duration.ofSeconds(30)); // the periodic run fails...
    scheduler.advance(Duration.ofSeconds(1)); // ...and is retried 1 s later
    assertThat(runs.size() - before).isGreaterThanOrEqualTo(2);
    Instant failed = runs.get(before);
    assertThat(Duration.between(failed, runs.get(before + 1))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aRequestDuringBackoffStillRespectsOnlyTheMinInterval() {
    failuresToInject = 1;
    runner.run();
    scheduler.runDue();
    scheduler.advance(Duration.ofMillis(500));
    runner.run(); // new data: may run as soon as min interval allows, before the retry
    scheduler.advance(Duration.ofMillis(500));
    assertThat(runs).hasSize(2);
    assertThat(runner.failures()).isEqualTo(1);
  }

  @Test
  void neverDiesOnErrors() {
    failuresToInject = 1000;
    runner.run();
    scheduler.advance(Duration.ofHours(1));
    assertThat(runner.failures()).isGreaterThan(100);
    assertThat(runner.nextRunAt()).isNotNull();
  }

  @Test
  void closeStopsScheduling() {
    runner.run();
    scheduler.runDue();
    runner.close();
    runner.run();
    scheduler.advance(Duration.ofMinutes(5));
    assertThat(runs).hasSize(1);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void validatesIntervals() {
    assertThatThrownBy(
            () ->
                new BoundedFrequencyRunner(
                    "x",
                    () -> {},
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    clock,
                    scheduler))
        .hasMessageContaining("maxInterval: PT1S (expected: at least minInterval PT2S)");
  }
}
