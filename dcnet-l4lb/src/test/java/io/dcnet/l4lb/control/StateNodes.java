package io.dcnet.l4lb.control;

import static org.awaitility.Awaitility.await;

import io.dcnet.l4lb.model.AgentVips;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.VipBackends;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.state.ClusterState;
import io.dcnet.state.ClusterStateConfig;
import io.dcnet.state.MemberInfo;
import io.dcnet.state.MemberStatus;
import io.dcnet.state.NodeRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts in-JVM cluster-state nodes on 127.0.0.1 (ephemeral ports) and closes them. Test thread.
 */
final class StateNodes implements AutoCloseable {
  private final List<ClusterState> nodes = new ArrayList<>();
  private final Duration heartbeatPause;

  StateNodes(Duration heartbeatPause) {
    this.heartbeatPause = heartbeatPause;
  }

  StateNodes() {
    this(ClusterStateConfig.DEFAULT_HEARTBEAT_PAUSE);
  }

  ClusterState start(String nodeId, NodeRole role, List<String> seeds) {
    ClusterState cs =
        ClusterState.start(
            ClusterStateConfig.builder("l4lb-test", nodeId, role)
                .bind("127.0.0.1", 0)
                .seeds(seeds)
                .heartbeatPause(heartbeatPause)
                .unreachableRemoval(Duration.ofMinutes(5))
                .build());
    nodes.add(cs);
    return cs;
  }

  /** Waits until every node sees all of them Up and reachable. */
  static void awaitUp(ClusterState... all) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
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

  /** Publishes {@code node}'s backends of one VIP (its whole bucket field), as an agent does. */
  static void publish(ClusterState node, String agentIp, VipId vip, Backend... backends)
      throws Exception {
    node.put(
            L4lbKeys.bucketOf(vip),
            new AgentVips(agentIp, List.of(new VipBackends(vip, List.of(backends)))))
        .toCompletableFuture()
        .get();
  }

  /** Removes {@code node}'s field of the bucket of {@code vip}. */
  static void unpublish(ClusterState node, VipId vip) throws Exception {
    node.remove(L4lbKeys.bucketOf(vip), node.nodeId()).toCompletableFuture().get();
  }

  void stop(ClusterState cs) {
    cs.close();
    nodes.remove(cs);
  }

  @Override
  public void close() {
    nodes.forEach(ClusterState::close);
    nodes.clear();
  }
}
