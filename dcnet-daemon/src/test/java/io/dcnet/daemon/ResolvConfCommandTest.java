package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.nodedns.listen.NodeDnsListeners;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dcnet resolvconf}: one round against a real node DNS listener, and bad input. */
class ResolvConfCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(oldErr);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onceWritesTheAnsweringNodeDnsAndTheFallbackOtherwise() throws Exception {
    Path out = dir.resolve("resolv.conf");
    try (NodeDnsListeners node = ReadyNodeDns.start("127.0.0.64")) {
      String port = String.valueOf(node.servers().get(0).udpAddress().getPort());
      String[] args = {
        "resolvconf",
        "--once",
        "--output",
        out.toString(),
        "--nameserver",
        "127.0.0.65,127.0.0.64",
        "--fallback",
        "10.9.9.1",
        "--search",
        "marathon.mesos,mesos",
        "--probe-port",
        port,
        "--probe-timeout-millis",
        "300"
      };
      assertThat(Main.run(args)).isEqualTo(0);
      assertThat(Files.readAllLines(out))
          .containsExactly(
              "# Written by dcnet resolvconf; changes here are overwritten.",
              "nameserver 127.0.0.64",
              "search marathon.mesos mesos",
              "options timeout:1 attempts:3");
      node.close();
      assertThat(Main.run(args)).isEqualTo(0);
      assertThat(Files.readAllLines(out)).contains("nameserver 10.9.9.1");
    }
  }

  @Test
  void theFallbackComesFromTheNodeConfigsUpstreamResolversOnPort53() throws Exception {
    Path cfg = dir.resolve("agent.json");
    Files.writeString(
        cfg,
        "{\"cluster_id\": \"c1\", \"ip\": \"10.0.0.5\", \"masters\": [\"10.0.0.1\"],"
            + " \"dns\": {\"upstream_resolvers\": [\"10.0.0.2\", \"10.0.0.3:5353\"]}}");
    Path out = dir.resolve("resolv.conf");
    assertThat(
            Main.run(
                "resolvconf",
                "--once",
                "--config",
                cfg.toString(),
                "--output",
                out.toString(),
                "--nameserver",
                "127.0.0.66",
                "--probe-port",
                "9",
                "--probe-timeout-millis",
                "200"))
        .isEqualTo(0);
    assertThat(Files.readAllLines(out)).contains("nameserver 10.0.0.2");
    assertThat(Files.readString(out)).doesNotContain("10.0.0.3");
    assertThat(err()).contains("upstream resolver 10.0.0.3 port 5353 left out");

    Files.writeString(cfg, "{\"cluster_id\": 1}");
    assertThat(Main.run("resolvconf", "--once", "--config", cfg.toString())).isEqualTo(2);
    assertThat(err()).contains("dcnet resolvconf: --config: " + cfg + ": cluster_id");
  }

  @Test
  void badInputExitsWith2AndNamesTheOption() {
    assertThat(Main.run("resolvconf", "--once", "--nameserver", "spartan")).isEqualTo(2);
    assertThat(err()).contains("--nameserver: 'spartan' (expected: an IPv4 or IPv6 address)");
    assertThat(Main.run("resolvconf", "--fallback", "198.51.100.2")).isEqualTo(2);
    assertThat(err())
        .contains("--fallback: '198.51.100.2' (expected: an upstream resolver, not a node DNS");
    assertThat(Main.run("resolvconf", "--interval-seconds", "0")).isEqualTo(2);
    assertThat(err()).contains("--interval-seconds: 0 (expected: 1 or more)");
    assertThat(Main.run("resolvconf", "--probe-port", "70000")).isEqualTo(2);
    assertThat(err()).contains("--probe-port: 70000 (expected: 1-65535)");
  }

  @Test
  void aFileThatCannotBeWrittenExitsWith1() {
    assertThat(
            Main.run(
                "resolvconf",
                "--once",
                "--output",
                dir.resolve("no/such/dir/resolv.conf").toString(),
                "--nameserver",
                "127.0.0.66",
                "--probe-timeout-millis",
                "200",
                "--probe-port",
                "9"))
        .isEqualTo(1);
    assertThat(err()).contains("dcnet resolvconf: --output: cannot write");
  }
}
