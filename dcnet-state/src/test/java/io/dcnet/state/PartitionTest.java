package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real network partition, made with Pekko Artery's test-mode blackhole. */
@ExtendWith(ArteryTestMode.class)
class PartitionTest {
  private static final StateKey<String> NODES = StateKey.of(StateKeys.NODES, String.class);

  private final TestCluster cluster =
      new TestCluster(Duration.ofSeconds(2), Duration.ofMillis(1500));

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void cutOffAgentIsRemovedAndPurgedButKeepsServingThenRejoinsByItself() {
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, List.of());
    ClusterState m2 = cluster.start("m2", NodeRole.MASTER, List.of(m1.address()));
    ClusterState a1 = cluster.start("a1", NodeRole.AGENT, List.of(m1.address(), m2.address()));
    TestCluster.awaitUp(m1, m2, a1);
    for (ClusterState cs : List.of(m1, m2, a1)) {
      cs.put(NODES, "v1-" + cs.nodeId());
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                m1.get(NODES).size() == 3
                    && m2.get(NODES).size() == 3
                    && a1.get(NODES).size() == 3);

    a1.blackholeForTest(m1.address(), true);
    a1.blackholeForTest(m2.address(), true);

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              for (ClusterState cs : List.of(m1, m2)) {
                assertThat(cs.members()).extracting(MemberInfo::nodeId).containsOnly("m1", "m2");
                assertThat(cs.get(NODES)).containsOnlyKeys("m1", "m2");
              }
            });
    // the agent did not down anybody, is still up in its own view and serves its replica
    assertThat(a1.members()).extracting(MemberInfo::nodeId).contains("m1", "m2", "a1");
    assertThat(a1.isUp()).isTrue();
    assertThat(a1.get(NODES)).containsOnlyKeys("m1", "m2", "a1");
    m1.put(NODES, "v2-m1");

    a1.blackholeForTest(m1.address(), false);
    a1.blackholeForTest(m2.address(), false);

    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(a1.incarnation()).isGreaterThan(1);
              assertThat(m1.members()).extracting(MemberInfo::nodeId).contains("a1");
              assertThat(m2.get(NODES)).containsEntry("a1", "v1-a1");
              assertThat(a1.get(NODES)).containsEntry("m1", "v2-m1");
            });
  }
}
