package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedFileTest {
  private final TestCluster cluster = new TestCluster();

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void seedFileIsReReadWhenItChanges(@TempDir Path dir) throws Exception {
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, List.of());
    TestCluster.awaitUp(m1);
    Path seeds = dir.resolve("seeds");
    Files.writeString(seeds, "# masters\n127.0.0.1:1\n");
    ClusterState a1 =
        cluster.start(cluster.builder("a1", NodeRole.AGENT, 0, List.of()).seedFile(seeds).build());
    assertThat(a1.isUp()).isFalse();

    Files.writeString(seeds, "# masters\n" + m1.address() + "\n");
    TestCluster.awaitUp(m1, a1);
    await().atMost(Duration.ofSeconds(5)).until(() -> m1.members().size() == 2);
  }

  @Test
  void missingSeedFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                cluster.start(
                    cluster
                        .builder("a1", NodeRole.AGENT, 0, List.of())
                        .seedFile(dir.resolve("nope"))
                        .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seedFile: ")
        .hasMessageContaining("(expected: a readable file of host:port lines)");
  }
}
