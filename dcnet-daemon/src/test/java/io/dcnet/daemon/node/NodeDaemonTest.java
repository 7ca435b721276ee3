package io.dcnet.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import com.sun.net.httpserver.HttpServer;
import io.dcnet.daemon.Main;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.rest.node.NodeApiClient;
import io.dcnet.rest.node.NodeRecord;
import io.dcnet.state.NodeRole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mesos emulator, one master and two agents in this JVM (state and DNS on 127.0.0.21-23): a
 * task launched in Mesos is answered by every node's DNS, and its kill removes it everywhere.
 */
class NodeDaemonTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String WEB = "web.marathon.agentip.dcos.thisdcos.directory";
  private static final String APP_MESOS = "app.marathon.mesos.thisdcos.directory";
  private static final List<String> APP_IPS = List.of("10.0.0.11", "10.0.0.12");
  private static final String AXFR =
      """
      {"TTL": 60, "Serial": 1, "RefreshSeconds": 60, "Mname": "ns1.mesos",
       "Rname": "root.ns1.mesos", "Domain": "mesos",
       "Records": {"As": {"app.marathon.mesos.": ["10.0.0.11", "10.0.0.12"]},
                   "AAAAs": {}, "SRVs": {}}}
      """;

  @TempDir java.nio.file.Path dir;

  private static URI restOf(NodeDaemon n) {
    String ip = n.dnsAddresses().get(0).split(":")[0];
    return URI.create("http://" + ip + ":" + n.restPort());
  }

  /** Runs a {@code dcnet} command line and returns what it printed (it must exit 0). */
  private static String cli(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).isZero();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aTaskIsAnsweredByEveryNodeAndItsKillRemovesItEverywhere() throws Exception {
    HttpServer axfr = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    axfr.createContext(
        "/v1/axfr",
        ex -> {
          byte[] body = AXFR.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    axfr.start();
    try (MesosEmulator emu =
            MesosEmulator.builder().heartbeatInterval(Duration.ofMillis(200)).start();
        TestNodes nodes = new TestNodes(dir)) {
      nodes.axfrUrl = "http://127.0.0.1:" + axfr.getAddress().getPort() + "/v1/axfr";
      String mesos = "http://127.0.0.1:" + emu.masterPort();
      int seedPort = TestNodes.freePort("127.0.0.21");
      String seed = "127.0.0.21:" + seedPort;
      NodeDaemon master =
          nodes.start(nodes.config("c1", "127.0.0.21", seedPort, seed, mesos, ""), NodeRole.MASTER);
      NodeDaemon a1 =
          nodes.start(nodes.config("c1", "127.0.0.22", 0, seed, mesos, ""), NodeRole.AGENT);
      NodeDaemon a2 =
          nodes.start(nodes.config("c1", "127.0.0.23", 0, seed, mesos, ""), NodeRole.AGENT);
      List<NodeDaemon> all = List.of(master, a1, a2);

      for (NodeDaemon n : all) {
        assertThat(TestNodes.a(n, "ready.spartan")).containsExactly("127.0.0.1");
      }
      // the master mirrors its Mesos-DNS into mesos.thisdcos.directory for everybody
      for (NodeDaemon n : all) {
        await()
            .atMost(WAIT)
            .until(() -> TestNodes.a(n, APP_MESOS).stream().sorted().toList(), is(APP_IPS));
      }
      await()
          .atMost(WAIT)
          .until(() -> master.clusterState().members().size() == 3 && master.publishesZones());
      await().atMost(WAIT).until(() -> a1.clusterState().get(NodeDaemon.NODES).size() == 3);
      assertThat(a1.clusterState().get(NodeDaemon.NODES).get("127.0.0.21").role())
          .isEqualTo("master");

      String agent = emu.addAgent("agent1", "127.0.0.1");
      String fw = emu.addFramework("marathon", "127.0.0.1");
      String web = emu.launchTask(TaskSpec.of(fw, agent, "web"));
      for (NodeDaemon n : all) {
        await().atMost(WAIT).until(() -> TestNodes.a(n, WEB).equals(List.of("127.0.0.1")));
        assertThat(TestNodes.a(n, "leader.dcos.thisdcos.directory")).containsExactly("127.0.0.1");
        assertThat(TestNodes.a(n, "master.dcos.thisdcos.directory")).containsExactly("127.0.0.21");
      }
      try (NodeApiClient api = new NodeApiClient(restOf(a1), Duration.ofSeconds(5))) {
        assertThat(api.records()).extracting(r -> r.name()).contains(WEB);
        await()
            .atMost(WAIT)
            .until(() -> api.nodes().stream().filter(NodeRecord::reachable).count() == 3);
        assertThat(api.nodes())
            .extracting(NodeRecord::privateIp, NodeRecord::role)
            .containsExactlyInAnyOrder(
                tuple("127.0.0.21", "master"),
                tuple("127.0.0.22", "agent"),
                tuple("127.0.0.23", "agent"));
      }
      String table = cli("records", "--api", restOf(a2).toString());
      assertThat(table).startsWith("NAME").contains(WEB + "  A     127.0.0.1");
      String nodesJson = cli("nodes", "--json", "--api", restOf(master).toString());
      assertThat(nodesJson).contains("\"private_ip\" : \"127.0.0.23\"");
      Map<String, PublishedZone> raw =
          a2.clusterState().get(LeaderZonePublisher.key("dcos.thisdcos.directory"));
      assertThat(raw).containsOnlyKeys("127.0.0.21");

      emu.killTask(web);
      for (NodeDaemon n : all) {
        await().atMost(WAIT).until(() -> TestNodes.a(n, WEB).equals(List.of("NXDOMAIN")));
      }
      assertThat(TestNodes.a(a2, "ready.spartan")).containsExactly("127.0.0.1");
    } finally {
      axfr.stop(0);
    }
  }
}
