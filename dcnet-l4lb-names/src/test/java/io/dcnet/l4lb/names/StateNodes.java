package io.dcnet.l4lb.names;

import static org.awaitility.Awaitility.await;

import io.dcnet.l4lb.model.AgentVips;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipBackends;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.state.ClusterState;
import io.dcnet.state.ClusterStateConfig;
import io.dcnet.state.NodeRole;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A one-node cluster state on 127.0.0.1 and helpers to write VIP buckets (test helper). */
final class StateNodes {
  private StateNodes() {}

  static ClusterState startMaster(String nodeId) {
    ClusterState cs =
        ClusterState.start(
            ClusterStateConfig.builder("names-test", nodeId, NodeRole.MASTER)
                .bind("127.0.0.1", 0)
                .build());
    await().atMost(Duration.ofSeconds(20)).until(cs::isUp);
    return cs;
  }

  /** Writes agent {@code agentId}'s backends of the named VIP {@code name} (tcp port 80). */
  static void putBackend(ClusterState cs, String agentId, String name) throws Exception {
    VipId vip = new VipId(Protocol.TCP, name, 80);
    AgentVips value =
        new AgentVips(
            "10.0.0.5",
            List.of(new VipBackends(vip, List.of(new Backend("10.0.0.5", "9.0.1.2", 8080, 1)))));
    cs.put(L4lbKeys.bucketOf(vip), agentId, value).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Removes agent {@code agentId}'s backends of the named VIP {@code name}. */
  static void removeBackend(ClusterState cs, String agentId, String name) throws Exception {
    VipId vip = new VipId(Protocol.TCP, name, 80);
    cs.remove(L4lbKeys.bucketOf(vip), agentId).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
