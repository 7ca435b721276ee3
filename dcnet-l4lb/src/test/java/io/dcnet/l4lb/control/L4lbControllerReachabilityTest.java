package io.dcnet.l4lb.control;

import static io.dcnet.l4lb.control.L4SnapshotBuilderTest.d;
import static io.dcnet.l4lb.control.L4SnapshotBuilderTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.l4lb.dataplane.InMemoryDataPlane;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.state.ClusterState;
import io.dcnet.state.NodeRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Backends of a stopped (unreachable) agent leave the data plane; fail-open when all are gone. */
class L4lbControllerReachabilityTest {
  private final StateNodes nodes = new StateNodes(Duration.ofMillis(1000));
  private L4lbController controller;

  @AfterEach
  void tearDown() {
    if (controller != null) {
      controller.close();
    }
    nodes.close();
  }

  @Test
  void backendsOfAnUnreachableAgentAreLeftOutUnlessAllAreUnreachable() throws Exception {
    ClusterState m1 = nodes.start("m1", NodeRole.MASTER, List.of());
    ClusterState a1 = nodes.start("a1", NodeRole.AGENT, List.of(m1.address()));
    ClusterState a2 = nodes.start("a2", NodeRole.AGENT, List.of(m1.address()));
    StateNodes.awaitUp(m1, a1, a2);
    VipId web = VipId.parse("tcp://11.3.3.3:80");
    VipId solo = VipId.parse("tcp://11.3.3.4:80");
    StateNodes.publish(a1, "10.0.0.1", web, new Backend("10.0.0.1", "10.0.0.1", 31000, 1));
    a2.put(
            io.dcnet.l4lb.model.L4lbKeys.bucketOf(web),
            new io.dcnet.l4lb.model.AgentVips(
                "10.0.0.2",
                List.of(
                    new io.dcnet.l4lb.model.VipBackends(
                        web, List.of(new Backend("10.0.0.2", "10.0.0.2", 31000, 1))))))
        .toCompletableFuture()
        .get();
    StateNodes.publish(a2, "10.0.0.2", solo, new Backend("10.0.0.2", "10.0.0.2", 32000, 1));

    InMemoryDataPlane dp = new InMemoryDataPlane();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    controller =
        new L4lbController(
            m1,
            dp,
            L4lbControllerConfig.defaults()
                .withMinSyncInterval(Duration.ofMillis(50))
                .withStart(Duration.ofMillis(300), Duration.ofSeconds(10)),
            registry);
    controller.start();
    ServiceKey webKey = key("tcp://11.3.3.3:80");
    ServiceKey soloKey = key("tcp://11.3.3.4:80");
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(dp.store().installed().services().get(webKey)).hasSize(2);
              assertThat(dp.store().installed().services().get(soloKey)).hasSize(1);
            });

    nodes.stop(a2);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(dp.store().installed().services().get(webKey))
                    .containsExactly(d("10.0.0.1", 31000, 1)));
    assertThat(dp.store().installed().services().get(soloKey))
        .as("fail-open: its only backend is unreachable, so it is kept")
        .containsExactly(d("10.0.0.2", 32000, 1));
    assertThat(registry.get("unreachable.nodes").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("unreachable.vips").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("unreachable.backends").gauge().value()).isEqualTo(2.0);
  }
}
