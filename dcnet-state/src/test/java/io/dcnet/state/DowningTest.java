package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DowningTest {
  private static final StateKey<String> NODES = StateKey.of(StateKeys.NODES, String.class);
  private static final StateKey<String> VIPS = StateKey.of(StateKeys.vips(0), String.class);
  private static final StateKey<String> ZONE =
      StateKey.of(StateKeys.dnsZone("dcos.thisdcos.directory"), String.class);

  private final TestCluster cluster =
      new TestCluster(Duration.ofSeconds(2), Duration.ofMillis(1500));

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void mastersRemoveAStoppedNodeAfterTheTimeoutAndPurgeItsFields() throws Exception {
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, List.of());
    ClusterState m2 = cluster.start("m2", NodeRole.MASTER, List.of(m1.address()));
    ClusterState a1 = cluster.start("a1", NodeRole.AGENT, List.of(m1.address(), m2.address()));
    TestCluster.awaitUp(m1, m2, a1);
    List<MembershipEvent> events = new CopyOnWriteArrayList<>();
    m2.subscribeMembership(events::add);

    for (ClusterState cs : List.of(m1, m2, a1)) {
      cs.put(NODES, "meta-" + cs.nodeId());
    }
    a1.put(VIPS, "/web:80", "10.0.0.9:31000");
    a1.put(ZONE, "records of a1");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                m1.get(NODES).size() == 3
                    && m2.get(NODES).size() == 3
                    && m2.get(VIPS).containsKey("/web:80")
                    && m2.get(ZONE).containsKey("a1"));

    a1.close();

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              for (ClusterState cs : List.of(m1, m2)) {
                assertThat(cs.members()).extracting(MemberInfo::nodeId).containsOnly("m1", "m2");
                assertThat(cs.get(NODES)).containsOnlyKeys("m1", "m2");
                assertThat(cs.get(VIPS)).isEmpty();
              }
            });
    // a DNS zone's entry outlives its publisher: superseded by the next one, never flushed
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .until(
            () ->
                "records of a1".equals(m1.get(ZONE).get("a1"))
                    && "records of a1".equals(m2.get(ZONE).get("a1")));
    assertThat(events)
        .filteredOn(e -> e.member().nodeId().equals("a1"))
        .extracting(MembershipEvent::type)
        .contains(MembershipEvent.Type.UNREACHABLE, MembershipEvent.Type.REMOVED);
  }
}
