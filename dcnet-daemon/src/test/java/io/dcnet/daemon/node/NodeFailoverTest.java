package io.dcnet.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.state.MemberStatus;
import io.dcnet.state.NodeRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
  private MesosEmulator emu;
  private TestNodes nodes;
  private String agentId;
  private String framework;

  /** Two dcnet masters (each on its own Mesos master) and an agent; {@code web} resolves. */
  private record Trio(NodeDaemon m1, NodeDaemon m2, NodeDaemon agent, String m1Config) {}

  @BeforeEach
  void emulator() throws Exception {
    emu =
        MesosEmulator.builder()
            .masterAddresses(List.of("127.0.0.1", "127.0.0.2"))
            .heartbeatInterval(Duration.ofMillis(200))
            .start();
    nodes = new TestNodes(dir);
  }

  @AfterEach
  void close() {
    nodes.close();
    emu.close();
  }

  /** Starts the trio on 127.0.0.{first, first+1, first+2}, with {@code extra} config. */
  private Trio start(String cluster, int first, String extra) throws Exception {
    String ip1 = "127.0.0." + first;
    String ip2 = "127.0.0." + (first + 1);
    int p1 = TestNodes.freePort(ip1);
    int p2 = TestNodes.freePort(ip2);
    List<String> seeds = List.of(ip1 + ":" + p1, ip2 + ":" + p2);
    String mesos1 = "http://127.0.0.1:" + emu.masterPort();
    String mesos2 = "http://127.0.0.2:" + emu.masterPort();
    String m1Config = nodes.config(cluster, ip1, p1, seeds, mesos1, extra);
    NodeDaemon m1 = nodes.start(m1Config, NodeRole.MASTER);
    NodeDaemon m2 =
        nodes.start(nodes.config(cluster, ip2, p2, seeds, mesos2, extra), NodeRole.MASTER);
    NodeDaemon agent =
        nodes.start(
            nodes.config(cluster, "127.0.0." + (first + 2), 0, seeds, mesos1, extra),
            NodeRole.AGENT);
    agentId = emu.addAgent("agent1", "127.0.0.1");
    framework = emu.addFramework("marathon", "127.0.0.1");
    emu.launchTask(TaskSpec.of(framework, agentId, "web"));
    await().atMost(WAIT).until(() -> TestNodes.a(agent, WEB).equals(List.of("127.0.0.1")));
    await().atMost(WAIT).until(() -> m1.publishesZones() && !m2.publishesZones());
    return new Trio(m1, m2, agent, m1Config);
  }

  private static Set<String> zonePublishers(NodeDaemon node) {
    return node.clusterState().get(LeaderZonePublisher.key("dcos.thisdcos.directory")).keySet();
  }

  @Test
  void aMesosLeaderChangeMovesThePublisherWithoutFlushingRecords() throws Exception {
    Trio t = start("c5", 51, "");
    assertThat(TestNodes.a(t.agent(), "leader.dcos.thisdcos.directory"))
        .containsExactly("127.0.0.1");

    emu.moveLeader(1);
    List<List<String>> seen = new ArrayList<>();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              seen.add(TestNodes.a(t.agent(), WEB));
              return t.m2().publishesZones()
                  && !t.m1().publishesZones()
                  && TestNodes.a(t.agent(), "leader.dcos.thisdcos.directory")
                      .equals(List.of("127.0.0.2"));
            });
    assertThat(seen).isNotEmpty().allMatch(List.of("127.0.0.1")::equals);
    await().atMost(WAIT).until(() -> zonePublishers(t.agent()).equals(Set.of("127.0.0.52")));
    assertThat(TestNodes.a(t.m1(), WEB)).containsExactly("127.0.0.1");
  }

  @Test
  void aTaskStartedWhileTheLeadersDcnetIsDownResolvesThroughTheDeputy() throws Exception {
    Trio t = start("c6", 54, ", \"unreachable_removal_seconds\": 5");
    await()
        .atMost(WAIT)
        .until(
            () ->
                t.m2().clusterState().members().stream()
                        .filter(m -> m.status() == MemberStatus.UP)
                        .count()
                    == 3);

    t.m1().close(); // Mesos still says 127.0.0.1 leads
    emu.launchTask(TaskSpec.of(framework, agentId, "api"));
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> TestNodes.a(t.agent(), API).equals(List.of("127.0.0.1")));
    assertThat(t.m2().publishesZones()).isTrue();
    assertThat(TestNodes.a(t.agent(), WEB)).containsExactly("127.0.0.1");
    assertThat(publishingMetrics(t.m2()))
        .contains("zone_publishing{as=\"deputy\"} 1.0", "zone_publishing{as=\"leader\"} 0.0");

    NodeDaemon m1Again = nodes.start(t.m1Config(), NodeRole.MASTER);
    List<List<String>> seen = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              seen.add(TestNodes.a(t.agent(), API));
              return m1Again.publishesZones()
                  && !t.m2().publishesZones()
                  && zonePublishers(t.agent()).equals(Set.of("127.0.0.54"));
            });
    assertThat(seen).isNotEmpty().allMatch(List.of("127.0.0.1")::equals);
    assertThat(publishingMetrics(t.m2())).contains("zone_publishing{as=\"deputy\"} 0.0");
    assertThat(publishingMetrics(m1Again)).contains("zone_publishing{as=\"leader\"} 1.0");
  }

  @Test
  void aMasterThatNamesItsMesosMasterLocalhostPublishesAsTheLeadersOwn() throws Exception {
    int port = TestNodes.freePort("127.0.0.57");
    String mesos = "http://localhost:" + emu.masterPort(); // Mesos calls it 127.0.0.1
    NodeDaemon m =
        nodes.start(
            nodes.config("c7", "127.0.0.57", port, "127.0.0.57:" + port, mesos, ""),
            NodeRole.MASTER);
    await().atMost(WAIT).until(m::publishesZones);
    assertThat(publishingMetrics(m))
        .contains("zone_publishing{as=\"leader\"} 1.0", "zone_publishing{as=\"deputy\"} 0.0");
    // the other masters know it by the name Mesos gives the leader
    await()
        .atMost(WAIT)
        .until(
            () ->
                m.clusterState()
                    .get(ZoneDeputyTracker.SEATS)
                    .equals(Map.of("127.0.0.57", "127.0.0.1:" + emu.masterPort())));
  }

  /** The {@code zone_publishing} lines of the node's {@code dns} metrics. */
  private static List<String> publishingMetrics(NodeDaemon node) throws Exception {
    String ip = node.dnsAddresses().get(0).split(":")[0];
    try (HttpClient http = HttpClient.newHttpClient()) {
      String body =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://" + ip + ":" + node.restPort() + "/v1/metrics/dns"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return body.lines().filter(l -> l.startsWith("zone_publishing{")).toList();
    }
  }
}
