package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.nodedns.listen.NodeDnsListeners;
import io.dcnet.nodedns.resolv.DnsReadyProbe;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sd_notify messages on a real Unix datagram socket standing in for systemd's, and the watchdog
 * pings against a real node DNS listener.
 */
class SystemdNotifierTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private NotifySocket systemd;
  private List<String> received;
  private Path socket;

  @BeforeEach
  void systemdSocket() {
    socket = dir.resolve("notify");
    systemd = new NotifySocket(socket.toString());
    received = systemd.received();
  }

  @AfterEach
  void close() {
    systemd.close();
  }

  private long pings() {
    return systemd.pings();
  }

  @Test
  void noSocketOrAnUnreachableOneMeansNoNotifier() {
    assertThat(SystemdNotifier.fromEnvironment(Map.of())).isEmpty();
    assertThat(
            SystemdNotifier.fromEnvironment(
                Map.of("NOTIFY_SOCKET", dir.resolve("none").toString())))
        .isEmpty();
  }

  @Test
  void sendsEachStateAsOneDatagram() {
    try (SystemdNotifier n =
        SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socket.toString())).orElseThrow()) {
      n.send("READY=1\nSTATUS=running");
      n.send("STOPPING=1");
      await().atMost(WAIT).until(() -> received.size() == 2);
      assertThat(received).containsExactly("READY=1\nSTATUS=running", "STOPPING=1");
    }
  }

  @Test
  void anAbstractSocketNameStartsWithAnAt() {
    String name = "dcnet-t-notify-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    try (NotifySocket abstractSocket = new NotifySocket("\0" + name);
        SystemdNotifier n =
            SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "@" + name)).orElseThrow()) {
      n.send("READY=1");
      await().atMost(WAIT).until(() -> abstractSocket.received().contains("READY=1"));
      // the whole name counts, not just its empty start
      assertThat(SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "@" + name + "-x")))
          .isEmpty();
    }
  }

  @Test
  void theWatchdogIsPingedOnlyWhileTheNodeDnsAnswers() throws Exception {
    InetAddress ip = InetAddress.getByName("127.0.0.67");
    NodeDnsListeners node = ReadyNodeDns.start("127.0.0.67");
    DnsReadyProbe probe =
        new DnsReadyProbe(node.servers().get(0).udpPort(), Duration.ofMillis(200));
    Map<String, String> env = Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "200000");
    try (SystemdNotifier n = SystemdNotifier.fromEnvironment(env).orElseThrow()) {
      // not for this process, or not asked for: no watchdog
      assertThat(
              SystemdWatchdog.start(
                  Map.of("WATCHDOG_USEC", "200000", "WATCHDOG_PID", "1"), n, List.of(ip), probe))
          .isEmpty();
      assertThat(SystemdWatchdog.start(Map.of(), n, List.of(ip), probe)).isEmpty();

      try (SystemdWatchdog w = SystemdWatchdog.start(env, n, List.of(ip), probe).orElseThrow()) {
        await().atMost(WAIT).until(() -> pings() >= 3);
        node.close();
        await().atMost(WAIT).until(() -> !w.healthy());
        long before = pings();
        // about five rounds (one per 100 ms) without a ping
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> pings() == before);
      }
    } finally {
      node.close();
    }
  }
}
