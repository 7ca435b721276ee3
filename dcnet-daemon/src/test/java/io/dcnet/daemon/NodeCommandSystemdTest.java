package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dcnet master} as systemd runs it: a child JVM with {@code NOTIFY_SOCKET} and {@code
 * WATCHDOG_USEC}, and a real Unix datagram socket in the test standing in for systemd's. It says
 * READY=1 once up, pings the watchdog while its DNS answers, and says STOPPING=1 on SIGTERM.
 */
class NodeCommandSystemdTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aMasterUnderSystemdNotifiesReadyPingsAndStopping() throws Exception {
    Path socket = dir.resolve("notify");
    NotifySocket systemd = new NotifySocket(socket.toString());
    List<String> received = systemd.received();
    int statePort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.68"))) {
      statePort = s.getLocalPort();
    }
    Path cfg = dir.resolve("master.json");
    Files.writeString(
        cfg,
        "{\"cluster_id\": \"sd\", \"ip\": \"127.0.0.68\", \"state_port\": "
            + statePort
            + ", \"masters\": [\"127.0.0.68:"
            + statePort
            + "\"], \"state_dir\": \""
            + dir.resolve("state")
            + "\", \"mesos_url\": \"http://127.0.0.1:1\", \"rest_bind\": \"127.0.0.68:0\","
            + " \"dns\": {\"bind_ips\": [\"127.0.0.68\"], \"udp_port\": 0, \"tcp_port\": 0,"
            + " \"upstream_resolvers\": []},"
            + " \"l4lb\": {\"enabled\": false, \"nft_table\": \"dcnet-t-systemd\"}}");
    ProcessBuilder pb = new ProcessBuilder(DemoNodeProcesses.nodeCommand("master", cfg));
    pb.environment().put("NOTIFY_SOCKET", socket.toString());
    pb.environment().put("WATCHDOG_USEC", "400000"); // a ping every 200 ms
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("node.log").toFile());
    Process node = pb.start();
    try {
      await()
          .atMost(WAIT)
          .until(
              () -> received.contains("READY=1\nSTATUS=dcnet master running") || !node.isAlive());
      assertThat(node.isAlive()).as(() -> log()).isTrue();
      await().atMost(WAIT).until(() -> systemd.pings() >= 2);
      node.destroy(); // SIGTERM
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
      await().atMost(WAIT).until(() -> received.contains("STOPPING=1"));
      assertThat(received.get(0)).startsWith("READY=1");
    } finally {
      node.destroyForcibly();
      systemd.close();
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("node.log"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
