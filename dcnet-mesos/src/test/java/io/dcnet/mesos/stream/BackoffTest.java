package io.dcnet.mesos.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void growsExponentiallyWithJitterAndIsBounded() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new SplittableRandom(7));
    for (int attempt = 0; attempt < 200; attempt++) {
      long ceiling = Math.min(5000, 100L << Math.min(attempt, 20));
      Duration d = b.delay(attempt);
      assertThat(d.toMillis()).as("attempt %d", attempt).isBetween(ceiling / 2, ceiling);
    }
    assertThat(b.delay(Integer.MAX_VALUE)).isLessThanOrEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void validates() {
    assertThatThrownBy(
            () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new SplittableRandom()))
        .hasMessageContaining("backoffMin");
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()))
        .hasMessageContaining("backoffMax");
  }
}
