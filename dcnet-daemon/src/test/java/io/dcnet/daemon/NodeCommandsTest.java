package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of {@code master}, {@code agent} and {@code certs}. */
class NodeCommandsTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream oldErr;
  private PrintStream oldOut;

  @BeforeEach
  void capture() {
    oldErr = System.err;
    oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(oldErr);
    System.setOut(oldOut);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void missingOrMalformedConfigExitsWith2() throws Exception {
    assertThat(Main.run("master", "--config", dir.resolve("none.json").toString())).isEqualTo(2);
    assertThat(err()).contains("dcnet master: --config: ").contains("does not exist");

    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"cluster_id\": \"c1\", \"ip\": \"10.0.0.5\", \"masters\": [1]}");
    assertThat(Main.run("agent", "-c", bad.toString())).isEqualTo(2);
    assertThat(err()).contains("masters: [1] (expected: a non-empty list of master IPs)");

    assertThat(Main.run("agent")).isEqualTo(2);
    assertThat(err()).contains("Missing required option: '--config=FILE'");
  }

  @Test
  void aListenerThatCannotBindExitsWith1() throws Exception {
    Path cfg = dir.resolve("agent.json");
    Files.writeString(
        cfg,
        "{\"cluster_id\": \"c1\", \"ip\": \"127.0.0.1\", \"state_port\": 0,"
            + " \"masters\": [\"127.0.0.1:1\"], \"state_dir\": \""
            + dir.resolve("state")
            + "\", \"dns\": {\"bind_ips\": [\"192.0.2.1\"], \"udp_port\": 0, \"tcp_port\": 0}}");
    assertThat(Main.run("agent", "--config", cfg.toString())).isEqualTo(1);
    assertThat(err()).contains("dcnet agent: DNS: could not bind any of [/192.0.2.1]");
  }

  @Test
  void apiCommandsExitWith1WhenNoDaemonAnswers() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThat(Main.run("records", "--api", "http://127.0.0.1:" + closed)).isEqualTo(1);
    assertThat(err()).startsWith("dcnet records: ");
    assertThat(Main.run("nodes", "--json", "--api", "http://127.0.0.1:" + closed)).isEqualTo(1);
    assertThat(err()).contains("dcnet nodes: ");
  }

  @Test
  void certsMakesTheCaOnceAndOneDirectoryPerNode() throws Exception {
    Path tls = dir.resolve("tls");
    assertThat(
            Main.run(
                "certs",
                "--dir",
                tls.toString(),
                "--cluster-id",
                "c1",
                "--node",
                "m1",
                "--ip",
                "127.0.0.21",
                "--node",
                "a1",
                "--ip",
                "127.0.0.22,::1"))
        .isEqualTo(0);
    for (String f : new String[] {"ca.crt", "ca.key", "m1/node.crt", "m1/node.key", "a1/ca.crt"}) {
      assertThat(tls.resolve(f)).isRegularFile();
    }
    byte[] ca = Files.readAllBytes(tls.resolve("ca.crt"));
    assertThat(Main.run("certs", "--dir", tls.toString(), "--cluster-id", "c1", "--node", "a2"))
        .isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("using the existing CA");
    assertThat(Files.readAllBytes(tls.resolve("ca.crt"))).isEqualTo(ca);
    assertThat(tls.resolve("a2/node.crt")).isRegularFile();

    assertThat(Main.run("certs", "--dir", tls.toString(), "--cluster-id", "a b")).isEqualTo(2);
    assertThat(err()).contains("--cluster-id: a b (expected: 1-48 letters");
    assertThat(
            Main.run(
                "certs",
                "--dir",
                tls.toString(),
                "--cluster-id",
                "c1",
                "--node",
                "x",
                "--ip",
                "nope"))
        .isEqualTo(2);
    assertThat(err()).contains("ips: nope (expected: IPv4 or IPv6 literals)");
  }
}
