package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicationTest {
  record NodeInfo(String hostname, List<String> ips) {}

  private static final StateKey<NodeInfo> NODES = StateKey.of(StateKeys.NODES, NodeInfo.class);
  private static final StateKey<String> ZONE =
      StateKey.of(StateKeys.dnsZone("Mesos"), String.class);

  private final TestCluster cluster = new TestCluster();

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void putsFromEveryNodeReachAllNodesAndSubscribersSeeChanges() throws Exception {
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, List.of());
    ClusterState m2 = cluster.start("m2", NodeRole.MASTER, List.of(m1.address()));
    ClusterState a1 = cluster.start("a1", NodeRole.AGENT, List.of(m1.address(), m2.address()));
    TestCluster.awaitUp(m1, m2, a1);

    assertThat(m1.members())
        .extracting(MemberInfo::nodeId, MemberInfo::role)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("m1", NodeRole.MASTER),
            org.assertj.core.groups.Tuple.tuple("m2", NodeRole.MASTER),
            org.assertj.core.groups.Tuple.tuple("a1", NodeRole.AGENT));

    List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    a1.subscribe(
        ZONE,
        (key, snapshot) -> {
          threads.add(Thread.currentThread().getName());
          seen.add(snapshot);
        });

    for (ClusterState cs : List.of(m1, m2, a1)) {
      cs.put(NODES, new NodeInfo(cs.nodeId() + ".example", List.of("10.0.0.1")))
          .toCompletableFuture()
          .get();
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              for (ClusterState cs : List.of(m1, m2, a1)) {
                assertThat(cs.get(NODES)).containsOnlyKeys("m1", "m2", "a1");
              }
            });
    assertThat(a1.get(NODES).get("m2").hostname()).isEqualTo("m2.example");
    assertThat(m1.entries(NODES).get("a1").owner()).isEqualTo("a1");

    m2.put(ZONE, "records", "v1");
    await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains(Map.of("records", "v1")));
    m2.remove(ZONE, "records");
    await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains(Map.of()));
    assertThat(threads).allMatch(t -> t.equals("dcnet-state-events-a1"));
    assertThat(a1.get(ZONE)).isEmpty();
    assertThat(a1.incarnation()).isEqualTo(1);
  }

  @Test
  void putEverywhereReachesEveryMemberBeforeItCompletesAndStillCompletesAfterOneLeft()
      throws Exception {
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, List.of());
    ClusterState a1 = cluster.start("a1", NodeRole.AGENT, List.of(m1.address()));
    ClusterState a2 = cluster.start("a2", NodeRole.AGENT, List.of(m1.address()));
    TestCluster.awaitUp(m1, a1, a2);

    m1.putEverywhere(ZONE, "records-v1", Duration.ofSeconds(5)).toCompletableFuture().get();
    // pushed: once the stage completed every member holds the value, no gossip round needed
    assertThat(a1.get(ZONE)).containsEntry("m1", "records-v1");
    assertThat(a2.get(ZONE)).containsEntry("m1", "records-v1");

    a2.close();
    m1.putEverywhere(ZONE, "records-v2", Duration.ofMillis(500))
        .toCompletableFuture()
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(m1.get(ZONE)).containsEntry("m1", "records-v2");
    await().atMost(Duration.ofSeconds(10)).until(() -> "records-v2".equals(a1.get(ZONE).get("m1")));
  }

  @Test
  void removeEverywhereReachesEveryMemberBeforeItCompletes() throws Exception {
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, List.of());
    ClusterState a1 = cluster.start("a1", NodeRole.AGENT, List.of(m1.address()));
    ClusterState a2 = cluster.start("a2", NodeRole.AGENT, List.of(m1.address()));
    TestCluster.awaitUp(m1, a1, a2);

    a1.putEverywhere(ZONE, "a1-records", Duration.ofSeconds(5)).toCompletableFuture().get();
    assertThat(a2.get(ZONE)).containsEntry("a1", "a1-records");
    a1.removeEverywhere(ZONE, "a1", Duration.ofSeconds(5)).toCompletableFuture().get();
    // pushed: once the stage completed no member holds the field, no gossip round needed
    assertThat(m1.get(ZONE)).doesNotContainKey("a1");
    assertThat(a2.get(ZONE)).doesNotContainKey("a1");
    assertThat(a1.get(ZONE)).doesNotContainKey("a1");
  }

  @Test
  void pushesOnASingleNodeAreLocalWrites() throws Exception {
    ClusterState alone = cluster.start("m1", NodeRole.MASTER, List.of());
    TestCluster.awaitUp(alone);
    alone.putEverywhere(ZONE, "v1", Duration.ofSeconds(5)).toCompletableFuture().get();
    assertThat(alone.get(ZONE)).containsEntry("m1", "v1");
    alone.removeEverywhere(ZONE, "m1", Duration.ofSeconds(5)).toCompletableFuture().get();
    assertThat(alone.get(ZONE)).doesNotContainKey("m1");
  }
}
