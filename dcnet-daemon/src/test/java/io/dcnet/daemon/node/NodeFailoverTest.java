package io.dcnet.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.state.MemberStatus;
import io.dcnet.state.NodeRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two masters over an emulated Mesos with two masters (127.0.0.1 and 127.0.0.2 on one port): the
 * master whose Mesos master leads publishes; when Mesos leadership moves, the other takes over and
 * the agent never stops answering the task's name; while the leading master's dcnet is down, the
 * other master publishes as its deputy.
 */
class NodeFailoverTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String WEB = "web.marathon.agentip.dcos.thisdcos.directory";
  private static final String API = "api.marathon.agentip.dcos.thisdcos.directory";

  @TempDir Path dir;

  @Test
  void aMesosLeaderChangeMovesThePublisherWithoutFlushingRecords() throws Exception {
    try (MesosEmulator emu =
            MesosEmulator.builder()
                .masterAddresses(List.of("127.0.0.1", "127.0.0.2"))
                .heartbeatInterval(Duration.ofMillis(200))
                .start();
        TestNodes nodes = new TestNodes(dir)) {
      int p1 = TestNodes.freePort("127.0.0.51");
      int p2 = TestNodes.freePort("127.0.0.52");
      List<String> seeds = List.of("127.0.0.51:" + p1, "127.0.0.52:" + p2);
      String mesos1 = "http://127.0.0.1:" + emu.masterPort();
      String mesos2 = "http://127.0.0.2:" + emu.masterPort();
      NodeDaemon m1 =
          nodes.start(nodes.config("c5", "127.0.0.51", p1, seeds, mesos1, ""), NodeRole.MASTER);
      NodeDaemon m2 =
          nodes.start(nodes.config("c5", "127.0.0.52", p2, seeds, mesos2, ""), NodeRole.MASTER);
      NodeDaemon agent =
          nodes.start(nodes.config("c5", "127.0.0.53", 0, seeds, mesos1, ""), NodeRole.AGENT);

      String a = emu.addAgent("agent1", "127.0.0.1");
      String fw = emu.addFramework("marathon", "127.0.0.1");
      emu.launchTask(TaskSpec.of(fw, a, "web"));
      await().atMost(WAIT).until(() -> TestNodes.a(agent, WEB).equals(List.of("127.0.0.1")));
      await().atMost(WAIT).until(() -> m1.publishesZones() && !m2.publishesZones());
      assertThat(TestNodes.a(agent, "leader.dcos.thisdcos.directory")).containsExactly("127.0.0.1");

      emu.moveLeader(1);
      List<List<String>> seen = new ArrayList<>();
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                seen.add(TestNodes.a(agent, WEB));
                return m2.publishesZones()
                    && !m1.publishesZones()
                    && TestNodes.a(agent, "leader.dcos.thisdcos.directory")
                        .equals(List.of("127.0.0.2"));
              });
      assertThat(seen).isNotEmpty().allMatch(List.of("127.0.0.1")::equals);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  agent
                      .clusterState()
                      .get(LeaderZonePublisher.key("dcos.thisdcos.directory"))
                      .keySet()
                      .equals(java.util.Set.of("127.0.0.52")));
      assertThat(TestNodes.a(m1, WEB)).containsExactly("127.0.0.1");
    }
  }

  @Test
  void aTaskStartedWhileTheLeadersDcnetIsDownResolvesThroughTheDeputy() throws Exception {
    try (MesosEmulator emu =
            MesosEmulator.builder()
                .masterAddresses(List.of("127.0.0.1", "127.0.0.2"))
                .heartbeatInterval(Duration.ofMillis(200))
                .start();
        TestNodes nodes = new TestNodes(dir)) {
      int p1 = TestNodes.freePort("127.0.0.54");
      int p2 = TestNodes.freePort("127.0.0.55");
      List<String> seeds = List.of("127.0.0.54:" + p1, "127.0.0.55:" + p2);
      String mesos1 = "http://127.0.0.1:" + emu.masterPort();
      String mesos2 = "http://127.0.0.2:" + emu.masterPort();
      String removal = ", \"unreachable_removal_seconds\": 5";
      String m1Config = nodes.config("c6", "127.0.0.54", p1, seeds, mesos1, removal);
      NodeDaemon m1 = nodes.start(m1Config, NodeRole.MASTER);
      NodeDaemon m2 =
          nodes.start(
              nodes.config("c6", "127.0.0.55", p2, seeds, mesos2, removal), NodeRole.MASTER);
      NodeDaemon agent =
          nodes.start(nodes.config("c6", "127.0.0.56", 0, seeds, mesos1, removal), NodeRole.AGENT);
      String a = emu.addAgent("agent1", "127.0.0.1");
      String fw = emu.addFramework("marathon", "127.0.0.1");
      emu.launchTask(TaskSpec.of(fw, a, "web"));
      await().atMost(WAIT).until(() -> TestNodes.a(agent, WEB).equals(List.of("127.0.0.1")));
      assertThat(m1.publishesZones()).isTrue();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  m2.clusterState().members().stream()
                          .filter(m -> m.status() == MemberStatus.UP)
                          .count()
                      == 3);

      m1.close(); // Mesos still says 127.0.0.1 leads
      emu.launchTask(TaskSpec.of(fw, a, "api"));
      await()
          .atMost(Duration.ofSeconds(40))
          .until(() -> TestNodes.a(agent, API).equals(List.of("127.0.0.1")));
      assertThat(m2.publishesZones()).isTrue();
      assertThat(TestNodes.a(agent, WEB)).containsExactly("127.0.0.1");

      NodeDaemon m1Again = nodes.start(m1Config, NodeRole.MASTER);
      List<List<String>> seen = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                seen.add(TestNodes.a(agent, API));
                return m1Again.publishesZones()
                    && !m2.publishesZones()
                    && agent
                        .clusterState()
                        .get(LeaderZonePublisher.key("dcos.thisdcos.directory"))
                        .keySet()
                        .equals(java.util.Set.of("127.0.0.54"));
              });
      assertThat(seen).isNotEmpty().allMatch(List.of("127.0.0.1")::equals);
    }
  }
}
