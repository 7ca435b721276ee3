package io.dcnet.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.l4lb.api.VipEntry;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.Label;
import io.dcnet.rest.node.NodeApiClient;
import io.dcnet.state.NodeRole;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The L4 load balancer wired in one JVM, without root: the Mesos emulator with two agents on
 * 127.0.0.22/.23 (the dcnet agents' addresses), a real ZooKeeper (Curator's test server), one
 * master running the userspace data plane on a loopback named-VIP range and two agents that publish
 * their tasks' backends. A named VIP gets one address on every node (DNS), traffic through it
 * reaches both backends, an unhealthy task is drained, an IP VIP works, and killing the tasks
 * removes the VIP.
 */
class NodeL4lbTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String WEB_VIP = "web.marathon.l4lb.thisdcos.directory";

  @TempDir Path dir;

  /** A TCP server that answers every connection with its name and a newline. */
  private static final class NameServer implements AutoCloseable {
    final ServerSocket socket;

    NameServer(String ip, String name) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getByName(ip));
      Thread.ofVirtual()
          .start(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket s = socket.accept()) {
                    s.getOutputStream().write((name + "\n").getBytes(StandardCharsets.UTF_8));
                  } catch (IOException e) {
                    // closed
                  }
                }
              });
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static String request(String ip, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(ip, port), 2000);
      s.setSoTimeout(2000);
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
    } catch (IOException e) {
      return null;
    }
  }

  private static Set<String> spread(String ip, int port) {
    Set<String> seen = new TreeSet<>();
    for (int i = 0; i < 40; i++) {
      seen.add(String.valueOf(request(ip, port)));
    }
    return seen;
  }

  private static TaskSpec task(String fw, String agent, int hostPort, String... vipLabels) {
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < vipLabels.length; i++) {
      labels.add(new Label("VIP_" + i, vipLabels[i]));
    }
    return TaskSpec.of(fw, agent, "web")
        .withHostPorts(hostPort)
        .withDiscovery(
            new DiscoveryInfo(
                "web",
                "FRAMEWORK",
                List.of(new DiscoveryPort(hostPort, "http", "tcp", labels)),
                List.of()));
  }

  private static String l4lb(String zk, String dataPlane, String agentUrl) {
    return ", \"l4lb\": {\"data_plane\": \""
        + dataPlane
        + "\", \"zookeeper\": \""
        + zk
        + "\", \"enable_ipv6\": false, \"min_named_ip\": \"127.12.0.0\","
        + " \"max_named_ip\": \"127.12.255.254\", \"agent_poll_interval_seconds\": 1,"
        + " \"reconcile_seconds\": 5, \"nft_table\": \""
        + TestNodes.TEST_TABLE
        + "\""
        + (agentUrl == null ? "" : ", \"agent_url\": \"" + agentUrl + "\"")
        + "}";
  }

  @Test
  void namedAndIpVipsFromAgentsReachBackendsThroughTheMastersProxy() throws Exception {
    try (TestingServer zk = new TestingServer(true);
        MesosEmulator emu = MesosEmulator.builder().start();
        TestNodes nodes = new TestNodes(dir);
        NameServer w1 = new NameServer("127.0.0.22", "w1");
        NameServer w2 = new NameServer("127.0.0.23", "w2")) {
      String mesos = "http://127.0.0.1:" + emu.masterPort();
      String fw = emu.addFramework("marathon", "127.0.0.1");
      String ag1 = emu.addAgent("agent-22", "127.0.0.22");
      String ag2 = emu.addAgent("agent-23", "127.0.0.23");
      int seedPort = TestNodes.freePort("127.0.0.21");
      String seed = "127.0.0.21:" + seedPort;
      String zks = zk.getConnectString();
      NodeDaemon master =
          nodes.start(
              nodes.config("c1", "127.0.0.21", seedPort, seed, mesos, l4lb(zks, "userspace", null)),
              NodeRole.MASTER);
      NodeDaemon a1 =
          nodes.start(
              nodes.config(
                  "c1", "127.0.0.22", 0, seed, mesos, l4lb(zks, "none", emu.agentUrl(ag1))),
              NodeRole.AGENT);
      NodeDaemon a2 =
          nodes.start(
              nodes.config(
                  "c1", "127.0.0.23", 0, seed, mesos, l4lb(zks, "none", emu.agentUrl(ag2))),
              NodeRole.AGENT);

      String t1 = emu.launchTask(task(fw, ag1, w1.port(), "/web:8080", "127.13.0.1:9090"));
      String t2 = emu.launchTask(task(fw, ag2, w2.port(), "/web:8080", "127.13.0.1:9090"));

      // one address for the name, the same on every node, in the configured range
      await()
          .atMost(WAIT)
          .until(() -> TestNodes.a(master, WEB_VIP).toString().startsWith("[127.12."));
      List<String> vip = TestNodes.a(master, WEB_VIP);
      assertThat(vip).hasSize(1);
      for (NodeDaemon n : List.of(a1, a2)) {
        await().atMost(WAIT).until(() -> TestNodes.a(n, WEB_VIP).equals(vip));
      }

      URI api = URI.create("http://127.0.0.21:" + master.restPort());
      try (NodeApiClient client = new NodeApiClient(api, Duration.ofSeconds(5))) {
        await()
            .atMost(WAIT)
            .until(
                () ->
                    client.vips().stream()
                        .map(v -> v.vip() + " " + v.backend().size())
                        .toList()
                        .equals(List.of("127.13.0.1:9090 2", WEB_VIP + ":8080 2")));
        VipEntry named = client.vips().get(1);
        assertThat(named.protocol()).isEqualTo("tcp");
      }
      // spec 3.5 metric names in the l4lb registry: the control loop's on every node, the
      // agent's local_* on agents, the proxy's counters where it runs
      try (NodeApiClient client = new NodeApiClient(api, Duration.ofSeconds(5));
          NodeApiClient agent =
              new NodeApiClient(
                  URI.create("http://127.0.0.22:" + a1.restPort()), Duration.ofSeconds(5))) {
        await()
            .atMost(WAIT)
            .until(() -> client.metrics("l4lb").contains("vips{dataplane=\"userspace\"} 2.0"));
        assertThat(client.metrics("l4lb"))
            .contains("backends{", "unreachable_nodes{", "vips_duration_seconds_count{")
            .contains("proxy_tcp_accepted_total");
        // the master is the named-VIP allocator: one name allocated
        assertThat(client.metrics("l4lb"))
            .contains("names_leader 1.0", "names_allocated 1.0", "names_allocations_total 1.0")
            .contains("names_free{family=\"ipv4\"}");
        assertThat(agent.metrics("l4lb")).contains("local_vips 2.0", "local_backends 2.0");
        assertThat(agent.metrics("l4lb")).doesNotContain("names_leader");
      }

      // traffic through the named VIP and the IP VIP reaches both backends
      await().atMost(WAIT).until(() -> spread(vip.get(0), 8080).equals(Set.of("w1", "w2")));
      await().atMost(WAIT).until(() -> spread("127.13.0.1", 9090).equals(Set.of("w1", "w2")));

      // an unhealthy task is drained (weight 0): no new connection reaches it
      emu.setHealthy(t2, false);
      await().atMost(WAIT).until(() -> spread(vip.get(0), 8080).equals(Set.of("w1")));

      // the tasks go away: the VIP goes away and connections are refused
      emu.killTask(t1);
      emu.killTask(t2);
      await().atMost(WAIT).until(() -> request(vip.get(0), 8080) == null);
      await().atMost(WAIT).until(() -> TestNodes.a(a1, WEB_VIP).equals(List.of("NXDOMAIN")));
    }
  }
}
