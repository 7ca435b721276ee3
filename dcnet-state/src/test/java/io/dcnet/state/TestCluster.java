package io.dcnet.state;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Starts cluster-state nodes on 127.0.0.1 for tests and closes them all. Test thread only. */
final class TestCluster implements AutoCloseable {
  static final String CLUSTER = "test-cluster";

  private final List<ClusterState> nodes = new ArrayList<>();
  private final Duration removal;
  private final Duration heartbeatPause;

  TestCluster(Duration removal, Duration heartbeatPause) {
    this.removal = removal;
    this.heartbeatPause = heartbeatPause;
  }

  TestCluster() {
    this(
        ClusterStateConfig.DEFAULT_UNREACHABLE_REMOVAL, ClusterStateConfig.DEFAULT_HEARTBEAT_PAUSE);
  }

  ClusterStateConfig.Builder builder(String nodeId, NodeRole role, int port, List<String> seeds) {
    return ClusterStateConfig.builder(CLUSTER, nodeId, role)
        .bind("127.0.0.1", port)
        .seeds(seeds)
        .unreachableRemoval(removal)
        .heartbeatPause(heartbeatPause);
  }

  ClusterState start(String nodeId, NodeRole role, List<String> seeds) {
    return start(nodeId, role, 0, seeds, null, b -> b);
  }

  ClusterState start(
      String nodeId,
      NodeRole role,
      int port,
      List<String> seeds,
      Path durableDir,
      UnaryOperator<ClusterStateConfig.Builder> custom) {
    return start(custom.apply(builder(nodeId, role, port, seeds).durableDir(durableDir)).build());
  }

  ClusterState start(ClusterStateConfig cfg) {
    ClusterState cs = ClusterState.start(cfg);
    nodes.add(cs);
    return cs;
  }

  /** Waits until every given node sees exactly these nodes as Up and reachable. */
  static void awaitUp(ClusterState... all) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (ClusterState cs : all) {
                List<MemberInfo> ms = cs.members();
                if (ms.size() != all.length
                    || !ms.stream().allMatch(m -> m.status() == MemberStatus.UP && m.reachable())) {
                  return false;
                }
              }
              return true;
            });
  }

  @Override
  public void close() {
    for (ClusterState cs : nodes) {
      cs.close();
    }
    nodes.clear();
  }
}
