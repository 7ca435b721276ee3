package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The oldest master dies while the other masters are still Joining/WeaklyUp (issue 3, bug 1): one
 * of them must still take the downing decision and remove it.
 */
class EarlyMasterLossTest {
  private static final StateKey<String> NODES = StateKey.of(StateKeys.NODES, String.class);

  private final TestCluster cluster =
      new TestCluster(Duration.ofSeconds(3), Duration.ofMillis(1500));

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void mastersThatNeverReachedUpRemoveTheDeadFirstSeed() {
    // m1 waits long before removing anybody, so the unreachable a0 blocks convergence and m2/m3
    // cannot be moved to Up while m1 lives
    ClusterState m1 =
        cluster.start(
            "m1",
            NodeRole.MASTER,
            0,
            List.of(),
            null,
            b -> b.unreachableRemoval(Duration.ofMinutes(5)));
    ClusterState a0 = cluster.start("a0", NodeRole.AGENT, List.of(m1.address()));
    TestCluster.awaitUp(m1, a0);
    a0.put(NODES, "meta-a0");
    await().atMost(Duration.ofSeconds(10)).until(() -> m1.get(NODES).containsKey("a0"));
    a0.close();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> m1.members().stream().anyMatch(m -> m.nodeId().equals("a0") && !m.reachable()));

    ClusterState m2 = cluster.start("m2", NodeRole.MASTER, List.of(m1.address()));
    ClusterState m3 = cluster.start("m3", NodeRole.MASTER, List.of(m1.address()));
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> seesJoinedButNotUp(m2, m3) && seesJoinedButNotUp(m3, m2));
    m1.close();

    await()
        .atMost(Duration.ofSeconds(25))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              for (ClusterState cs : List.of(m2, m3)) {
                assertThat(cs.members())
                    .extracting(MemberInfo::nodeId)
                    .containsExactlyInAnyOrder("m2", "m3");
                assertThat(cs.members()).allMatch(m -> m.status() == MemberStatus.UP);
                assertThat(cs.get(NODES)).doesNotContainKey("a0");
              }
            });
  }

  /**
   * {@code self} has joined, sees {@code other} and m1, and neither of the two new masters is Up.
   */
  private static boolean seesJoinedButNotUp(ClusterState self, ClusterState other) {
    List<MemberInfo> ms = self.members();
    boolean m1Up =
        ms.stream().anyMatch(m -> m.nodeId().equals("m1") && m.status() == MemberStatus.UP);
    long newOnes =
        ms.stream()
            .filter(m -> m.nodeId().equals(self.nodeId()) || m.nodeId().equals(other.nodeId()))
            .filter(m -> m.status() == MemberStatus.JOINING || m.status() == MemberStatus.WEAKLY_UP)
            .count();
    return m1Up && newOnes == 2;
  }
}
