package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterIdentityTest {
  private final TestCluster cluster = new TestCluster();

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void nodeOfAnotherClusterCannotJoin() {
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, List.of());
    TestCluster.awaitUp(m1);
    ClusterState stranger =
        cluster.start(
            ClusterStateConfig.builder("other-cluster", "x1", NodeRole.AGENT)
                .bind("127.0.0.1", 0)
                .seeds(List.of(m1.address()))
                .build());
    ClusterState friend = cluster.start("a1", NodeRole.AGENT, List.of(m1.address()));
    TestCluster.awaitUp(m1, friend);
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> !stranger.isUp() && m1.members().size() == 2);
    assertThat(m1.members()).extracting(MemberInfo::nodeId).containsExactlyInAnyOrder("m1", "a1");
  }
}
