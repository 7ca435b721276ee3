package io.dcnet.l4lb.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProxyOptionsTest {
  @Test
  void defaultsAreValidAndWithersChangeOneField() {
    ProxyOptions d = ProxyOptions.defaults();
    assertThat(d.udpSessionIdle()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.withUdpSessionIdle(Duration.ofSeconds(5)).udpSessionIdle())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(d.withConnect(Duration.ofMillis(100), 5).maxConnectAttempts()).isEqualTo(5);
    assertThat(d.withFreeBind(false).freeBind()).isFalse();
    assertThat(d.withPreferEpoll(false).preferEpoll()).isFalse();
  }

  @Test
  void rejectsOutOfRangeValuesNamingTheField() {
    ProxyOptions d = ProxyOptions.defaults();
    assertThatThrownBy(() -> d.withConnect(Duration.ofSeconds(1), 0))
        .hasMessage("maxConnectAttempts: 0 (expected: 1-16)");
    assertThatThrownBy(() -> d.withUdpSessionIdle(Duration.ZERO))
        .hasMessage("udpSessionIdle: PT0S (expected: a positive duration)");
  }

  @Test
  void theNioFallbackWorksToo() throws Exception {
    try (ProxyDataPlane dp = new ProxyDataPlane(ProxyOptions.defaults().withPreferEpoll(false))) {
      assertThat(dp.usesEpoll()).isFalse();
      assertThat(dp.kind()).isEqualTo("userspace");
    }
  }
}
