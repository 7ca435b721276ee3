package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolationTest {
  private static final StateKey<String> NODES = StateKey.of(StateKeys.NODES, String.class);

  private final TestCluster cluster =
      new TestCluster(Duration.ofSeconds(2), Duration.ofMillis(1500));

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void agentCutOffFromTheMastersKeepsServingAndRejoinsWhenTheyReturn(@TempDir Path dir)
      throws Exception {
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, 0, List.of(), dir.resolve("m1"), b -> b);
    int m1Port = Integer.parseInt(m1.address().substring(m1.address().lastIndexOf(':') + 1));
    ClusterState m2 =
        cluster.start("m2", NodeRole.MASTER, 0, List.of(m1.address()), dir.resolve("m2"), b -> b);
    int m2Port = Integer.parseInt(m2.address().substring(m2.address().lastIndexOf(':') + 1));
    List<String> masters = List.of(m1.address(), m2.address());
    ClusterState a1 = cluster.start("a1", NodeRole.AGENT, 0, masters, dir.resolve("a1"), b -> b);
    TestCluster.awaitUp(m1, m2, a1);
    for (ClusterState cs : List.of(m1, m2, a1)) {
      cs.put(NODES, "v1-" + cs.nodeId());
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> a1.get(NODES).size() == 3);

    m1.close();
    m2.close();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> a1.members().stream().filter(m -> !m.reachable()).count() == 2);
    a1.put(NODES, "v2-a1");
    // well past the removal timeout the agent has downed nobody and still serves its replica
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> a1.members().size() == 3 && a1.isUp() && a1.get(NODES).size() == 3);
    assertThat(a1.get(NODES)).containsEntry("a1", "v2-a1").containsEntry("m1", "v1-m1");

    ClusterState m1b =
        cluster.start("m1", NodeRole.MASTER, m1Port, List.of(), dir.resolve("m1"), b -> b);
    ClusterState m2b =
        cluster.start(
            "m2", NodeRole.MASTER, m2Port, List.of(m1b.address()), dir.resolve("m2"), b -> b);
    m1b.put(NODES, "v3-m1");
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(m1b.get(NODES)).containsEntry("a1", "v2-a1");
              assertThat(a1.get(NODES)).containsEntry("m1", "v3-m1");
              assertThat(m2b.members()).extracting(MemberInfo::nodeId).contains("a1");
            });
    assertThat(a1.incarnation()).isGreaterThan(1);
  }
}
