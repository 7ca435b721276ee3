package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RejoinBindTest {
  private static final StateKey<String> NODES = StateKey.of(StateKeys.NODES, String.class);

  private final TestCluster cluster =
      new TestCluster(Duration.ofSeconds(2), Duration.ofMillis(1500));

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void repeatedRejoins() {
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, List.of());
    ClusterState a1 = cluster.start("a1", NodeRole.AGENT, List.of(m1.address()));
    TestCluster.awaitUp(m1, a1);
    a1.put(NODES, "v-a1");
    for (int i = 0; i < 12; i++) {
      int before = a1.incarnation();
      long t0 = System.nanoTime();
      a1.restartForTest("test " + i);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> a1.incarnation() > before && a1.isUp());
      System.out.println("REJOIN " + i + " took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
    assertThat(a1.incarnation()).isGreaterThan(12);
  }
}
