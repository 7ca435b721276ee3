package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dcnet.rest.node.NodeApiClient;
import io.dcnet.rest.node.NodeRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./dcnet demo} with its node processes: one {@code dcnet master} and two {@code dcnet
 * agent}s as children of this JVM answer what the printed commands ask, and closing the demo leaves
 * no process and no bound port behind.
 */
class DemoNodesTest {
  private static final String WEB = "web.marathon.agentip.dcos.thisdcos.directory";

  @TempDir Path dir;

  @Test
  void everyNodeAnswersAndClosingStopsTheProcesses() throws Exception {
    List<ProcessHandle> children;
    List<DemoNode> nodes;
    try (Demo demo = new Demo().start(0, 0, 1)) {
      demo.startNodes(dir, false, Duration.ofSeconds(45));
      nodes = demo.nodes();
      children = demo.nodeProcesses().handles();
      assertThat(nodes).extracting(DemoNode::ip).containsExactlyElementsOf(Demo.NODE_IPS);
      assertThat(children).hasSize(3).allMatch(ProcessHandle::isAlive);

      for (DemoNode n : nodes) {
        assertThat(DemoNodeProcesses.a(n, WEB)).containsExactlyElementsOf(Demo.AGENT_IPS);
        assertThat(DemoNodeProcesses.a(n, "ready.spartan")).containsExactly("127.0.0.1");
        // *.mesos goes through the node to the demo's Mesos-DNS
        assertThat(DemoNodeProcesses.a(n, "web.marathon.mesos"))
            .containsExactlyInAnyOrderElementsOf(Demo.AGENT_IPS);
      }
      assertThat(demo.commands())
          .contains(
              "dig @127.0.0.32 -p " + nodes.get(1).dnsPort() + " +short " + WEB,
              "./dcnet nodes --api http://127.0.0.33:" + nodes.get(2).restPort());
      // named VIPs: same address on every node, load-balanced over both 'web' instances
      Set<String> webVip = DemoNodeProcesses.a(nodes.get(0), DemoVips.name("web"));
      assertThat(webVip).hasSize(1);
      // the demo waits for the master only: the names reach the agents by gossip, a moment later
      for (DemoNode n : nodes) {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> DemoNodeProcesses.a(n, DemoVips.name("web")).equals(webVip));
      }
      URI viaVip = URI.create("http://" + webVip.iterator().next() + ":" + Demo.VIP_PORT + "/");
      Set<String> reached = new java.util.TreeSet<>();
      for (int i = 0; i < 40 && reached.size() < 2; i++) {
        // a new client per request: a reused keep-alive connection stays on one backend
        String body =
            HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(viaVip).build(), BodyHandlers.ofString())
                .body();
        reached.add(body.replaceAll(" \\(.*", "").strip());
      }
      assertThat(reached).containsExactly("hello from web instance 1", "hello from web instance 2");
      try (NodeApiClient master =
          new NodeApiClient(URI.create(nodes.get(0).restUrl()), Duration.ofSeconds(5))) {
        assertThat(master.vips())
            .extracting(v -> v.vip() + " " + v.backend().size())
            .containsExactly(DemoVips.name("api") + ":8080 1", DemoVips.name("web") + ":8080 2");
      }
      assertThat(demo.commands())
          .anyMatch(c -> c.startsWith("./dcnet vips --api http://127.0.0.31:"));
      try (NodeApiClient api =
          new NodeApiClient(URI.create(nodes.get(2).restUrl()), Duration.ofSeconds(5))) {
        assertThat(api.records()).extracting(r -> r.name()).contains(WEB);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> api.nodes().stream().filter(NodeRecord::reachable).count() == 3);
      }
    }

    for (ProcessHandle h : children) {
      assertThat(h.isAlive()).as("pid %d", h.pid()).isFalse();
    }
    for (DemoNode n : nodes) {
      assertThat(DemoPorts.isFree(n.ip(), n.dnsPort(), true)).as(n.name() + " DNS").isTrue();
      assertThat(DemoPorts.isFree(n.ip(), n.restPort(), false)).as(n.name() + " REST").isTrue();
      assertThat(DemoPorts.isFree(n.ip(), n.statePort(), false)).as(n.name() + " state").isTrue();
    }
    assertThat(Set.copyOf(nodes.stream().map(DemoNode::statePort).toList())).hasSize(3);
  }

  @Test
  void aNodeThatDoesNotComeUpIsNamedWithItsLog() throws Exception {
    DemoNode bad = new DemoNode("agent-9", "agent", "127.0.0.39", 1, 1, 1, dir.resolve("agent-9"));
    ProcessHandle child;
    try (DemoNodeProcesses procs = new DemoNodeProcesses()) {
      child = procs.start(bad, "{\"ip\": \"127.0.0.39\"}").toHandle();
      assertThatThrownBy(() -> procs.awaitReady(Map.of(), Duration.ofSeconds(30)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("dcnet agent agent-9 on 127.0.0.39 exited with code 2")
          .hasMessageContaining(bad.logFile().toString())
          .hasMessageContaining("cluster_id: missing");
    }
    assertThat(child.isAlive()).isFalse();
  }
}
