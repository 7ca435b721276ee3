package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortCheckTest {
  @Test
  void portHeldByAListenerIsNotFreeUntilItCloses() throws Exception {
    int port;
    try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      port = held.getLocalPort();
      assertThat(PortCheck.isFree("127.0.0.1", port)).isFalse();
    }
    assertThat(PortCheck.isFree("127.0.0.1", port)).isTrue();
  }

  @Test
  void bindFailuresAreRecognisedAndRetriedWithinTwoSeconds() {
    RuntimeException wrapped =
        new IllegalStateException("start failed", new BindException("Address already in use"));
    assertThat(PortCheck.isBindFailure(wrapped)).isTrue();
    assertThat(PortCheck.isBindFailure(new IllegalStateException("other"))).isFalse();
    assertThat(PortCheck.bindRetryMillis(0)).isEqualTo(100);
    assertThat(PortCheck.bindRetryMillis(3)).isEqualTo(800);
    assertThat(PortCheck.bindRetryMillis(40)).isEqualTo(2000);
  }
}
