package io.dcnet.l4lb.control;

import static io.dcnet.l4lb.control.L4SnapshotBuilderTest.d;
import static io.dcnet.l4lb.control.L4SnapshotBuilderTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.core.time.ManualClock;
import io.dcnet.l4lb.dataplane.InMemoryDataPlane;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.state.ClusterState;
import io.dcnet.state.NodeRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The start gate against a real node that never becomes Up (its only seed does not answer). */
class L4lbControllerStartTest {
  private final StateNodes nodes = new StateNodes();
  private final ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor();
  private L4lbController controller;

  @AfterEach
  void tearDown() {
    if (controller != null) {
      controller.close();
    }
    sync.shutdownNow();
    nodes.close();
  }

  @Test
  void noSyncBeforeTheStartTimeoutWhileTheStateIsNotUpThenItsReplicaIsInstalled() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    ClusterState lone = nodes.start("a9", NodeRole.AGENT, List.of("127.0.0.1:" + deadPort));
    VipId web = VipId.parse("tcp://11.2.2.2:80");
    StateNodes.publish(lone, "10.0.0.9", web, new Backend("10.0.0.9", "10.0.0.9", 31000, 1));

    ManualClock clock = new ManualClock();
    InMemoryDataPlane dp = new InMemoryDataPlane();
    controller =
        new L4lbController(
            lone,
            dp,
            L4lbControllerConfig.defaults().withMinSyncInterval(Duration.ZERO),
            new SimpleMeterRegistry(),
            clock,
            sync);
    controller.start();

    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> dp.syncs().isEmpty() && !controller.started());
    assertThat(lone.isUp()).isFalse();

    clock.advance(Duration.ofSeconds(9));
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> dp.syncs().isEmpty());

    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> !dp.syncs().isEmpty());
    assertThat(controller.started()).isTrue();
    assertThat(dp.lastSync().services())
        .containsEntry(key("tcp://11.2.2.2:80"), List.of(d("10.0.0.9", 31000, 1)));
  }
}
