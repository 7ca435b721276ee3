package io.dcnet.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.state.CertificateTool;
import io.dcnet.state.NodeRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster identity and mutual TLS, end to end through {@link NodeDaemon}. */
class NodeClusterSecurityTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void aNodeOfAnotherClusterDoesNotJoin() throws Exception {
    try (MesosEmulator emu = MesosEmulator.builder().start();
        TestNodes nodes = new TestNodes(dir)) {
      String mesos = "http://127.0.0.1:" + emu.masterPort();
      int seedPort = TestNodes.freePort("127.0.0.31");
      String seed = "127.0.0.31:" + seedPort;
      NodeDaemon master =
          nodes.start(nodes.config("c1", "127.0.0.31", seedPort, seed, mesos, ""), NodeRole.MASTER);
      NodeDaemon friend =
          nodes.start(nodes.config("c1", "127.0.0.32", 0, seed, mesos, ""), NodeRole.AGENT);
      NodeDaemon stranger =
          nodes.start(nodes.config("c2", "127.0.0.33", 0, seed, mesos, ""), NodeRole.AGENT);

      await().atMost(WAIT).until(() -> master.clusterState().members().size() == 2);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(6))
          .until(
              () ->
                  master.clusterState().members().stream()
                      .noneMatch(m -> m.nodeId().equals("127.0.0.33")));
      assertThat(friend.clusterState().isUp()).isTrue();
      assertThat(stranger.clusterState().isUp()).isFalse();
      assertThat(stranger.clusterState().get(NodeDaemon.NODES)).containsOnlyKeys("127.0.0.33");
      // the stranger's DNS has no pushed zone: dcos.thisdcos.directory names do not exist
      await()
          .atMost(WAIT)
          .until(
              () ->
                  TestNodes.a(friend, "leader.dcos.thisdcos.directory")
                      .equals(List.of("127.0.0.1")));
      assertThat(TestNodes.a(stranger, "leader.dcos.thisdcos.directory"))
          .containsExactly("NXDOMAIN");
    }
  }

  @Test
  void nodesWithCertificatesFromCertsTalkOverTls() throws Exception {
    Path tls = dir.resolve("tls");
    CertificateTool.createCa(tls, "c3");
    CertificateTool.createNode(tls, tls.resolve("m1"), "m1", List.of("127.0.0.41"));
    CertificateTool.createNode(tls, tls.resolve("a1"), "a1", List.of("127.0.0.42"));
    try (MesosEmulator emu = MesosEmulator.builder().start();
        TestNodes nodes = new TestNodes(dir)) {
      String mesos = "http://127.0.0.1:" + emu.masterPort();
      int seedPort = TestNodes.freePort("127.0.0.41");
      String seed = "127.0.0.41:" + seedPort;
      NodeDaemon master =
          nodes.start(
              nodes.config(
                  "c3",
                  "127.0.0.41",
                  seedPort,
                  seed,
                  mesos,
                  ", \"tls_dir\": \"" + tls.resolve("m1") + "\""),
              NodeRole.MASTER);
      NodeDaemon agent =
          nodes.start(
              nodes.config(
                  "c3",
                  "127.0.0.42",
                  0,
                  seed,
                  mesos,
                  ", \"tls_dir\": \"" + tls.resolve("a1") + "\""),
              NodeRole.AGENT);

      await().atMost(WAIT).until(() -> master.clusterState().members().size() == 2);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  TestNodes.a(agent, "leader.dcos.thisdcos.directory")
                      .equals(List.of("127.0.0.1")));
      assertThat(agent.clusterState().get(NodeDaemon.NODES))
          .containsKeys("127.0.0.41", "127.0.0.42");
    }
  }
}
