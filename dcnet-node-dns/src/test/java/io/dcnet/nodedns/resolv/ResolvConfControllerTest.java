package io.dcnet.nodedns.resolv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dcnet.nodedns.listen.NodeDnsListeners;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolv.conf loop over two real node DNS listeners (127.0.0.61 and .62, one port): it lists
 * those that answer, falls back to the upstream resolvers when none does, and comes back.
 */
class ResolvConfControllerTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final List<String> OPTIONS = List.of("timeout:1", "attempts:3");

  @TempDir Path dir;

  private ResolvConfController.Settings settings(Path out, Duration interval) throws Exception {
    return new ResolvConfController.Settings(
        out,
        List.of(InetAddress.getByName("127.0.0.61"), InetAddress.getByName("127.0.0.62")),
        List.of("10.9.9.1"),
        List.of("mesos"),
        OPTIONS,
        interval);
  }

  private static List<String> nameservers(Path file) throws Exception {
    return Files.readAllLines(file).stream()
        .filter(l -> l.startsWith("nameserver "))
        .map(l -> l.substring("nameserver ".length()))
        .toList();
  }

  @Test
  void listsTheAnsweringNodeDnsFallsBackAndReturns() throws Exception {
    Path out = dir.resolve("resolv.conf");
    NodeDnsListeners a = ResolvTesting.nodeDns("127.0.0.61", 0);
    int port = ResolvTesting.port(a);
    NodeDnsListeners b = ResolvTesting.nodeDns("127.0.0.62", port);
    ResolvConfController c =
        new ResolvConfController(
            settings(out, Duration.ofMinutes(1)), new DnsReadyProbe(port, TIMEOUT), new Random(1));
    try {
      assertThat(c.runOnce())
          .isEqualTo(new ResolvConfController.Round(List.of("127.0.0.61", "127.0.0.62"), true));
      assertThat(Files.readAllLines(out)).contains("search mesos", "options timeout:1 attempts:3");
      assertThat(c.runOnce().written()).isFalse();

      b.close();
      assertThat(c.runOnce().nameservers()).containsExactly("127.0.0.61");
      assertThat(nameservers(out)).containsExactly("127.0.0.61");

      a.close();
      assertThat(c.runOnce().nameservers()).containsExactly("10.9.9.1");
      assertThat(nameservers(out)).containsExactly("10.9.9.1");
      assertThat(c.runOnce().written()).isFalse();

      a = ResolvTesting.nodeDns("127.0.0.61", port);
      assertThat(c.runOnce().nameservers()).containsExactly("127.0.0.61");
      assertThat(nameservers(out)).containsExactly("127.0.0.61");
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void theLoopKeepsTheFileAndCountsFailedRounds() throws Exception {
    Path out = dir.resolve("resolv.conf");
    try (NodeDnsListeners a = ResolvTesting.nodeDns("127.0.0.61", 0);
        ResolvConfController c =
            new ResolvConfController(
                settings(out, Duration.ofMillis(100)),
                new DnsReadyProbe(ResolvTesting.port(a), TIMEOUT),
                new Random(1));
        ResolvConfController broken =
            new ResolvConfController(
                settings(dir.resolve("missing/resolv.conf"), Duration.ofMillis(100)),
                new DnsReadyProbe(ResolvTesting.port(a), TIMEOUT),
                new Random(1))) {
      c.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out));
      assertThat(nameservers(out)).containsExactly("127.0.0.61");
      Files.writeString(out, "nameserver 8.8.8.8\n"); // a hand edit is undone next round
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> nameservers(out).equals(List.of("127.0.0.61")));
      broken.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> broken.failures() >= 2);
    }
  }

  @Test
  void settingsNeedANameserver() {
    assertThatThrownBy(
            () ->
                new ResolvConfController.Settings(
                    dir, List.of(), List.of(), List.of(), List.of(), Duration.ofSeconds(1)))
        .hasMessage("nameservers: none (expected: at least one address)");
  }
}
