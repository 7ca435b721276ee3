package io.dcnet.l4lb.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartGateTest {
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
  private final StartGate gate =
      new StartGate(t0, Duration.ofSeconds(2), Duration.ofSeconds(10), Set.of("a", "b"));

  @Test
  void opensWhenUpAndEveryKeyDelivered() {
    gate.delivered("a");
    assertThat(gate.open(t0, true)).isFalse();
    gate.delivered("b");
    assertThat(gate.open(t0.plusMillis(1), true)).isTrue();
    assertThat(gate.openReason()).contains("every key delivered");
  }

  @Test
  void deliveredKeysAloneDoNotOpenItWhileDown() {
    gate.delivered("a");
    gate.delivered("b");
    assertThat(gate.open(t0.plusSeconds(9), false)).isFalse();
  }

  @Test
  void opensAfterBeingUpForTheSettleTime() {
    assertThat(gate.open(t0.plusSeconds(1), true)).isFalse();
    assertThat(gate.open(t0.plusMillis(2999), true)).isFalse();
    assertThat(gate.open(t0.plusSeconds(3), true)).isTrue();
    assertThat(gate.openReason()).contains("up for 2000 ms");
  }

  @Test
  void opensAtTheStartTimeoutEvenWhenNotUpAndStaysOpen() {
    assertThat(gate.open(t0.plusMillis(9999), false)).isFalse();
    assertThat(gate.open(t0.plusSeconds(10), false)).isTrue();
    assertThat(gate.open(t0.plusSeconds(11), false)).isTrue();
    assertThat(gate.openReason()).contains("start timeout");
  }
}
