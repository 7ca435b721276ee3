package io.dcnet.l4lb.nft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NftSessionBackoffTest {
  private final AtomicLong clock = new AtomicLong(-5_000); // any start, even a negative one
  private final NftSessionBackoff backoff = new NftSessionBackoff(clock::get);

  private Duration failThreeTimes() {
    assertThat(backoff.failed()).isNull();
    assertThat(backoff.failed()).isNull();
    return backoff.failed();
  }

  private void pass(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void threeFailuresInARowPauseTheSessionForTenMinutes() {
    assertThat(backoff.usable()).isTrue();
    assertThat(failThreeTimes()).isEqualTo(Duration.ofMinutes(10));
    assertThat(backoff.paused()).isTrue();
    assertThat(backoff.usable()).isFalse();
    pass(Duration.ofMinutes(10).minusNanos(1));
    assertThat(backoff.usable()).isFalse();
    pass(Duration.ofNanos(1));
    assertThat(backoff.usable()).isTrue();
    assertThat(backoff.paused()).isFalse();
  }

  @Test
  void anAnswerInBetweenResetsTheCount() {
    backoff.failed();
    backoff.failed();
    backoff.answered();
    assertThat(failThreeTimes()).isNotNull();
    backoff.answered();
    assertThat(backoff.failed()).isNull();
  }

  @Test
  void pausesThatEndInFailuresAgainDoubleUpToAnHourAndAnAnswerResetsThem() {
    Duration[] expected = {
      Duration.ofMinutes(10),
      Duration.ofMinutes(20),
      Duration.ofMinutes(40),
      Duration.ofHours(1),
      Duration.ofHours(1)
    };
    for (Duration want : expected) {
      Duration pause = failThreeTimes();
      assertThat(pause).isEqualTo(want);
      pass(pause);
      assertThat(backoff.usable()).isTrue();
    }
    backoff.answered();
    assertThat(failThreeTimes()).isEqualTo(Duration.ofMinutes(10));
  }
}
