package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 3 acceptance: an agent cut off from every master for longer than the removal time keeps
 * serving its replica, is removed and purged by the masters, and when the network heals rejoins by
 * itself, re-publishes its fields and converges. The cut is Artery's test-mode blackhole.
 */
@ExtendWith(ArteryTestMode.class)
class CutOffAgentRejoinTest {
  private static final Duration REMOVAL = Duration.ofSeconds(3);
  private static final StateKey<String> NODES = StateKey.of(StateKeys.NODES, String.class);
  private static final StateKey<String> VIPS = StateKey.of(StateKeys.vips(3), String.class);

  private final TestCluster cluster = new TestCluster(REMOVAL, Duration.ofMillis(1500));

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void agentCutOffLongerThanTheRemovalTimeServesThenRejoinsByItself() {
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, List.of());
    ClusterState m2 = cluster.start("m2", NodeRole.MASTER, List.of(m1.address()));
    ClusterState a1 = cluster.start("a1", NodeRole.AGENT, List.of(m1.address(), m2.address()));
    TestCluster.awaitUp(m1, m2, a1);
    AtomicReference<Map<String, String>> snapshot = new AtomicReference<>(Map.of());
    a1.subscribe(NODES, (k, s) -> snapshot.set(s));
    for (ClusterState cs : List.of(m1, m2, a1)) {
      cs.put(NODES, "v1-" + cs.nodeId());
    }
    a1.put(VIPS, "/web:80", "10.0.0.9:31000");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                m2.get(NODES).size() == 3
                    && m2.get(VIPS).containsKey("/web:80")
                    && snapshot.get().size() == 3);

    long cutAt = System.nanoTime();
    a1.blackholeForTest(m1.address(), true);
    a1.blackholeForTest(m2.address(), true);
    await()
        .atMost(Duration.ofSeconds(25))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              for (ClusterState cs : List.of(m1, m2)) {
                assertThat(cs.members()).extracting(MemberInfo::nodeId).containsOnly("m1", "m2");
                assertThat(cs.get(NODES)).containsOnlyKeys("m1", "m2");
                assertThat(cs.get(VIPS)).isEmpty();
              }
            });
    assertThat(Duration.ofNanos(System.nanoTime() - cutAt)).isGreaterThan(REMOVAL);
    // still cut off, past the removal time: the agent serves its replica and its snapshot holds
    assertThat(a1.incarnation()).isEqualTo(1);
    assertThat(a1.isUp()).isTrue();
    assertThat(a1.get(NODES))
        .containsEntry("m1", "v1-m1")
        .containsEntry("m2", "v1-m2")
        .containsEntry("a1", "v1-a1");
    assertThat(a1.get(VIPS)).containsKey("/web:80");
    assertThat(snapshot.get()).containsOnlyKeys("m1", "m2", "a1");
    // writes on both sides while cut off
    m1.put(NODES, "v2-m1");
    a1.put(NODES, "v2-a1");
    await().atMost(Duration.ofSeconds(5)).until(() -> "v2-m1".equals(m2.get(NODES).get("m1")));
    assertThat(a1.get(NODES)).containsEntry("m1", "v1-m1").containsEntry("a1", "v2-a1");

    a1.blackholeForTest(m1.address(), false);
    a1.blackholeForTest(m2.address(), false);
    await()
        .atMost(Duration.ofSeconds(25))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(a1.incarnation()).isGreaterThan(1);
              for (ClusterState cs : List.of(m1, m2)) {
                assertThat(cs.members())
                    .filteredOn(m -> m.nodeId().equals("a1"))
                    .extracting(MemberInfo::status)
                    .containsExactly(MemberStatus.UP);
                assertThat(cs.get(NODES)).containsEntry("a1", "v2-a1");
                assertThat(cs.get(VIPS)).containsEntry("/web:80", "10.0.0.9:31000");
              }
              assertThat(a1.get(NODES)).containsEntry("m1", "v2-m1").containsEntry("m2", "v1-m2");
              assertThat(snapshot.get()).containsEntry("m1", "v2-m1").containsEntry("a1", "v2-a1");
            });
  }
}
