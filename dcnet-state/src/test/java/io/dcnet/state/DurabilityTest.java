package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurabilityTest {
  private static final StateKey<Integer> COUNTS = StateKey.of("test/counts", Integer.class);

  private final TestCluster cluster = new TestCluster();

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void stateSurvivesARestartOfEveryNode(@TempDir Path dir) throws Exception {
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, 0, List.of(), dir.resolve("m1"), b -> b);
    ClusterState m2 =
        cluster.start("m2", NodeRole.MASTER, 0, List.of(m1.address()), dir.resolve("m2"), b -> b);
    ClusterState a1 =
        cluster.start(
            "a1",
            NodeRole.AGENT,
            0,
            List.of(m1.address(), m2.address()),
            dir.resolve("a1"),
            b -> b);
    TestCluster.awaitUp(m1, m2, a1);
    int i = 1;
    for (ClusterState cs : List.of(m1, m2, a1)) {
      cs.put(COUNTS, i++).toCompletableFuture().get();
    }
    Map<String, Integer> expected = Map.of("m1", 1, "m2", 2, "a1", 3);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                m1.get(COUNTS).equals(expected)
                    && m2.get(COUNTS).equals(expected)
                    && a1.get(COUNTS).equals(expected));
    cluster.close();

    ClusterState m1b =
        cluster.start("m1", NodeRole.MASTER, 0, List.of(), dir.resolve("m1"), b -> b);
    ClusterState m2b =
        cluster.start("m2", NodeRole.MASTER, 0, List.of(m1b.address()), dir.resolve("m2"), b -> b);
    ClusterState a1b =
        cluster.start(
            "a1",
            NodeRole.AGENT,
            0,
            List.of(m1b.address(), m2b.address()),
            dir.resolve("a1"),
            b -> b);
    // read straight from each node's durable replica, before the nodes have gossiped
    assertThat(m1b.get(COUNTS)).isEqualTo(expected);
    assertThat(m2b.get(COUNTS)).isEqualTo(expected);
    assertThat(a1b.get(COUNTS)).isEqualTo(expected);

    TestCluster.awaitUp(m1b, m2b, a1b);
    a1b.put(COUNTS, 30);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> m1b.get(COUNTS).equals(Map.of("m1", 1, "m2", 2, "a1", 30)));
  }

  /**
   * The end state only: the race this guards against (the start's adoption of own fields reading a
   * field before a removal and recording it after, so that a re-publish wrote it back; seen once in
   * CI in VipPublisherTest) depends on thread timing and is closed by adopting before {@code start}
   * returns.
   */
  @Test
  void aFieldRemovedRightAfterARestartIsNotWrittenBackWhenTheNodeIsUp(@TempDir Path dir)
      throws Exception {
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, 0, List.of(), dir, b -> b);
    TestCluster.awaitUp(m1);
    m1.put(COUNTS, "kept", 1).toCompletableFuture().get();
    m1.put(COUNTS, "stale", 2).toCompletableFuture().get();
    cluster.close();

    ClusterState m1b = cluster.start("m1", NodeRole.MASTER, 0, List.of(), dir, b -> b);
    m1b.remove(COUNTS, "stale").toCompletableFuture().get();
    TestCluster.awaitUp(m1b); // Up: the node re-publishes the fields it owns
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> m1b.get(COUNTS).equals(Map.of("kept", 1)));
  }
}
