package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, bug 2: an agent removed while cut off must rebind its port and rejoin quickly, every
 * time. Over {@code tls-tcp}, Pekko 1.1.5 sometimes never finishes terminating the old incarnation
 * (its listener stays bound); without the forced unbind the rejoin then hangs for good.
 */
@ExtendWith(ArteryTestMode.class)
class RejoinTlsTest {
  private static final StateKey<String> NODES = StateKey.of(StateKeys.NODES, String.class);
  private static final int CYCLES = 3;

  private final TestCluster cluster =
      new TestCluster(Duration.ofSeconds(1), Duration.ofMillis(1000));

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void removedAgentRejoinsQuicklyEveryTime(@TempDir Path dir) throws Exception {
    Path ca = dir.resolve("ca");
    CertificateTool.createCa(ca, TestCluster.CLUSTER);
    List<String> ips = List.of("127.0.0.1");
    TlsSettings m1Tls = CertificateTool.createNode(ca, dir.resolve("m1"), "m1", ips);
    TlsSettings a1Tls = CertificateTool.createNode(ca, dir.resolve("a1"), "a1", ips);
    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, 0, List.of(), null, b -> b.tls(m1Tls));
    ClusterState a1 =
        cluster.start("a1", NodeRole.AGENT, 0, List.of(m1.address()), null, b -> b.tls(a1Tls));
    TestCluster.awaitUp(m1, a1);
    String port = a1.address();

    for (int i = 0; i < CYCLES; i++) {
      int before = a1.incarnation();
      a1.put(NODES, "v" + i);
      String value = "v" + i;
      await().atMost(Duration.ofSeconds(10)).until(() -> value.equals(m1.get(NODES).get("a1")));
      a1.blackholeForTest(m1.address(), true);
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> m1.members().stream().noneMatch(m -> m.nodeId().equals("a1")));
      a1.blackholeForTest(m1.address(), false);
      // a stuck old incarnation is unbound after 3 s, then the port is retried every <= 2 s;
      // before the fix a stuck one kept the port forever
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  a1.incarnation() > before
                      && a1.isUp()
                      && m1.members().stream()
                          .anyMatch(m -> m.nodeId().equals("a1") && m.status() == MemberStatus.UP));
      assertThat(a1.address()).isEqualTo(port);
    }
    assertThat(a1.incarnation()).isEqualTo(CYCLES + 1);
  }
}
