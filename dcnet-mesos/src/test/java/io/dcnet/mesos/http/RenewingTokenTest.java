package io.dcnet.mesos.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class RenewingTokenTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  /** Hands out the queued results in order; an IOException entry is thrown. */
  private static final class Scripted implements TokenSource {
    final Queue<Object> results;
    int calls;

    Scripted(Object... results) {
      this.results = new ArrayDeque<>(List.of(results));
    }

    @Override
    public synchronized String fetchToken() throws IOException {
      calls++;
      Object r = results.remove();
      if (r instanceof IOException e) {
        throw e;
      }
      return (String) r;
    }

    @Override
    public String toString() {
      return "Scripted";
    }
  }

  @Test
  void fetchesLazilyCachesAndRenewsAfterThePeriod() throws Exception {
    Scripted source = new Scripted("t1", "t2");
    MesosAuth auth = MesosAuth.renewingToken(source, Duration.ofMinutes(30), clock);
    assertThat(source.calls).isZero();
    assertThat(auth.authorizationHeader()).contains("token=t1");
    clock.advance(Duration.ofMinutes(29));
    assertThat(auth.authorizationHeader()).contains("token=t1");
    assertThat(source.calls).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(auth.authorizationHeader()).contains("token=t2");
    assertThat(source.calls).isEqualTo(2);
  }

  @Test
  void a401DropsTheRejectedTokenOnlyOnce() throws Exception {
    Scripted source = new Scripted("t1", "t2");
    MesosAuth auth = MesosAuth.renewingToken(source, Duration.ofMinutes(30), clock);
    assertThat(auth.authorizationHeader()).contains("token=t1");
    assertThat(auth.unauthorized("token=t1")).isTrue();
    // a second request that also carried t1 must not cause another login
    assertThat(auth.unauthorized("token=t1")).isTrue();
    assertThat(auth.authorizationHeader()).contains("token=t2");
    assertThat(auth.authorizationHeader()).contains("token=t2");
    assertThat(source.calls).isEqualTo(2);
  }

  @Test
  void failedRenewalKeepsTheOldTokenAndFailedFirstFetchThrows() throws Exception {
    Scripted source =
        new Scripted(new IOException("login down"), "t1", new IOException("still down"), "t2");
    MesosAuth auth = MesosAuth.renewingToken(source, Duration.ofMinutes(30), clock);
    assertThatThrownBy(auth::authorizationHeader).hasMessage("login down");
    assertThat(auth.authorizationHeader()).contains("token=t1");
    clock.advance(Duration.ofMinutes(31));
    assertThat(auth.authorizationHeader()).contains("token=t1");
    assertThat(auth.authorizationHeader()).contains("token=t2");
    assertThat(source.calls).isEqualTo(4);
  }

  @Test
  void rejectsBadTokensAndPeriods() {
    MesosAuth auth = MesosAuth.renewingToken(() -> "a\nb", Duration.ofMinutes(1), clock);
    assertThatThrownBy(auth::authorizationHeader)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("token: empty or with control characters");
    assertThatThrownBy(() -> MesosAuth.renewingToken(() -> "x", Duration.ZERO, clock))
        .hasMessage("renewAfter: PT0S (expected: > 0)");
  }

  @Test
  void fixedCredentialsNeverAskForARetry() {
    assertThat(MesosAuth.token("abc").unauthorized("token=abc")).isFalse();
    assertThat(MesosAuth.none().unauthorized(null)).isFalse();
  }

  @Test
  void toStringHidesTheToken() throws Exception {
    MesosAuth auth = MesosAuth.renewingToken(() -> "s3cret-token", Duration.ofMinutes(5), clock);
    auth.authorizationHeader();
    assertThat(auth.toString())
        .doesNotContain("s3cret")
        .isEqualTo(
            "RenewingToken[source="
                + ((MesosAuth.RenewingToken) auth).cache().source()
                + ", renewAfter=PT5M]");
  }
}
