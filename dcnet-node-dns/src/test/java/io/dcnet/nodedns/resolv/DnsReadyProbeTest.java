package io.dcnet.nodedns.resolv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.dns.server.DnsServer;
import io.dcnet.dns.server.DnsServerOptions;
import io.dcnet.nodedns.listen.NodeDnsListeners;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/** The real probe against real servers on loopback. */
class DnsReadyProbeTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final InetAddress IP = InetAddress.getLoopbackAddress();

  private static DnsServer server(io.dcnet.dns.server.DnsQueryHandler handler) {
    return new DnsServer(IP, 0, handler, DnsServerOptions.defaults().withIoThreads(1)).start();
  }

  @Test
  void aNodeDnsAnswers() throws Exception {
    try (NodeDnsListeners node = ResolvTesting.nodeDns("127.0.0.1", 0)) {
      assertThat(new DnsReadyProbe(ResolvTesting.port(node), TIMEOUT).answers(IP)).isTrue();
    }
  }

  @Test
  void anErrorOrAnEmptyAnswerIsNotReady() {
    DnsServer failing =
        server(
            q -> {
              Message m = new Message(q.message().getHeader().getID());
              m.getHeader().setRcode(Rcode.SERVFAIL); // with an address: still not ready
              m.addRecord(q.message().getQuestion(), 0);
              m.addRecord(
                  new ARecord(
                      q.message().getQuestion().getName(),
                      DClass.IN,
                      5,
                      InetAddress.getLoopbackAddress()),
                  1);
              return CompletableFuture.completedFuture(m);
            });
    DnsServer empty =
        server(
            q -> {
              Message m = new Message(q.message().getHeader().getID());
              m.addRecord(q.message().getQuestion(), 0);
              return CompletableFuture.completedFuture(m);
            });
    try {
      assertThat(new DnsReadyProbe(failing.udpAddress().getPort(), TIMEOUT).answers(IP)).isFalse();
      assertThat(new DnsReadyProbe(empty.udpAddress().getPort(), TIMEOUT).answers(IP)).isFalse();
    } finally {
      failing.close();
      empty.close();
    }
  }

  @Test
  void silenceAndAClosedPortAreNotReady() {
    DnsServer silent = server(q -> new CompletableFuture<>());
    int port = silent.udpAddress().getPort();
    try {
      assertThat(new DnsReadyProbe(port, TIMEOUT).answers(IP)).isFalse();
    } finally {
      silent.close();
    }
    assertThat(new DnsReadyProbe(port, TIMEOUT).answers(IP)).isFalse(); // now closed
  }

  @Test
  void aBadPortIsRefused() {
    assertThatThrownBy(() -> new DnsReadyProbe(0, TIMEOUT))
        .hasMessage("port: 0 (expected: 1-65535)");
  }
}
