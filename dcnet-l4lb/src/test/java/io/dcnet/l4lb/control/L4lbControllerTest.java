package io.dcnet.l4lb.control;

import static io.dcnet.l4lb.control.L4SnapshotBuilderTest.d;
import static io.dcnet.l4lb.control.L4SnapshotBuilderTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.InMemoryDataPlane;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.state.ClusterState;
import io.dcnet.state.NodeRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The controller on a master of a real in-JVM cluster, VIPs published by an agent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class L4lbControllerTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final StateNodes nodes = new StateNodes();
  private ClusterState m1;
  private ClusterState a1;
  private InMemoryDataPlane dp;
  private SimpleMeterRegistry registry;
  private L4lbController controller;

  @BeforeAll
  void startCluster() {
    m1 = nodes.start("m1", NodeRole.MASTER, List.of());
    a1 = nodes.start("a1", NodeRole.AGENT, List.of(m1.address()));
    StateNodes.awaitUp(m1, a1);
  }

  @AfterAll
  void stopCluster() {
    nodes.close();
  }

  @BeforeEach
  void freshDataPlane() {
    dp = new InMemoryDataPlane();
    registry = new SimpleMeterRegistry();
  }

  @AfterEach
  void stopController() {
    if (controller != null) {
      controller.close();
    }
  }

  private L4lbController start(L4lbControllerConfig cfg) {
    controller = new L4lbController(m1, dp, cfg, registry);
    controller.start();
    return controller;
  }

  private static L4lbControllerConfig fast() {
    return L4lbControllerConfig.defaults()
        .withMinSyncInterval(Duration.ofMillis(50))
        .withRetry(Duration.ofMillis(100), Duration.ofMillis(400))
        .withStart(Duration.ofMillis(300), Duration.ofSeconds(10));
  }

  private List<Destination> installed(ServiceKey key) {
    return dp.store().installed().services().get(key);
  }

  @Test
  void aVipPublishedOnAnAgentIsInstalledOnTheMasterAndRemovedAgain() throws Exception {
    start(fast());
    VipId web = VipId.parse("tcp://11.1.1.1:80");
    StateNodes.publish(a1, "10.0.0.1", web, new Backend("10.0.0.1", "10.0.0.1", 31000, 1));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(installed(key("tcp://11.1.1.1:80")))
                    .containsExactly(d("10.0.0.1", 31000, 1)));
    assertThat(controller.started()).isTrue();
    assertThat(controller.lastBuild().vips()).containsKey(web);
    assertThat(registry.get("vips").gauge().value()).isGreaterThanOrEqualTo(1.0);
    assertThat(registry.get("vips.duration").timer().count()).isPositive();

    StateNodes.unpublish(a1, web);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(dp.store().installed().services())
                    .doesNotContainKey(key("tcp://11.1.1.1:80")));
  }

  @Test
  void namedVipGetsItsAllocatedAddressWhichSticksWhileItHasBackends() throws Exception {
    start(fast());
    VipId app = VipId.parse("tcp://app.marathon:8080");
    ServiceKey at = key("tcp://11.0.0.37:8080");
    m1.put(L4lbKeys.NAMES, "app.marathon", new NamedVipAddress("app.marathon", "11.0.0.37", null))
        .toCompletableFuture()
        .get();
    StateNodes.publish(a1, "10.0.0.1", app, new Backend("10.0.0.1", "10.0.0.1", 31001, 1));
    await().atMost(WAIT).untilAsserted(() -> assertThat(installed(at)).hasSize(1));

    m1.remove(L4lbKeys.NAMES, "app.marathon").toCompletableFuture().get();
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .untilAsserted(() -> assertThat(installed(at)).as("sticky address").hasSize(1));

    StateNodes.unpublish(a1, app);
    await().atMost(WAIT).untilAsserted(() -> assertThat(installed(at)).isNull());
    StateNodes.publish(a1, "10.0.0.1", app, new Backend("10.0.0.1", "10.0.0.1", 31001, 1));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(controller.lastBuild().vips()).containsKey(app));
    assertThat(controller.lastBuild().stats().skippedVips())
        .as("the address was dropped with the last backend; no names entry now")
        .isPositive();
    assertThat(installed(at)).isNull();
    StateNodes.unpublish(a1, app);
  }

  @Test
  void aFailedSyncIsRetriedAsAFullResync() throws Exception {
    start(fast());
    VipId dns = VipId.parse("udp://11.1.1.2:53");
    StateNodes.publish(a1, "10.0.0.1", dns, new Backend("10.0.0.1", "10.0.0.1", 5353, 1));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(installed(key("udp://11.1.1.2:53"))).isNotNull());

    dp.failNextSyncs(2);
    StateNodes.publish(a1, "10.0.0.1", dns, new Backend("10.0.0.1", "10.0.0.1", 5354, 1));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(installed(key("udp://11.1.1.2:53")))
                    .containsExactly(d("10.0.0.1", 5354, 1)));
    assertThat(dp.syncs()).containsSubsequence(null, null, dp.lastSync());
    assertThat(controller.runner().failures()).isEqualTo(2);
    assertThat(registry.get("sync.failures").counter().count()).isEqualTo(2.0);
    StateNodes.unpublish(a1, dns);
  }

  @Test
  void reconcileRepairsDriftInjectedIntoTheDataPlane() throws Exception {
    start(fast().withReconcileInterval(Duration.ofMillis(500)));
    VipId web = VipId.parse("tcp://11.1.1.3:80");
    StateNodes.publish(a1, "10.0.0.1", web, new Backend("10.0.0.1", "10.0.0.1", 31003, 1));
    // lastApplied is set just after the data plane's sync returns: wait for it, not the store
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(controller.lastApplied())
                    .isNotNull()
                    .satisfies(
                        s -> assertThat(s.services()).containsKey(key("tcp://11.1.1.3:80"))));
    L4Snapshot desired = controller.lastApplied();
    assertThat(installed(key("tcp://11.1.1.3:80"))).isNotNull();
    int syncsBefore = dp.syncs().size();

    dp.store().set(desired.without(key("tcp://11.1.1.3:80")));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(dp.store().installed()).isEqualTo(controller.lastApplied()));
    assertThat(installed(key("tcp://11.1.1.3:80"))).containsExactly(d("10.0.0.1", 31003, 1));
    assertThat(registry.get("reconciled.rules").counter().count()).isGreaterThanOrEqualTo(1.0);
    assertThat(dp.syncs().size()).isGreaterThan(syncsBefore);
    StateNodes.unpublish(a1, web);
  }

  @Test
  void aChangedLocalRewriteReachesTheDataPlaneWithoutABucketChange() throws Exception {
    // this node is agent 10.0.0.1; its host port 31004 maps to a container address that moves
    AtomicReference<Destination> container = new AtomicReference<>(d("172.17.0.2", 8080, 1));
    start(
        fast()
            .withReconcileInterval(Duration.ofMinutes(5))
            .withLocalAgent(
                "10.0.0.1",
                dst ->
                    dst.port() == 31004
                        ? new Destination(
                            container.get().address(), container.get().port(), dst.weight())
                        : dst));
    VipId web = VipId.parse("tcp://11.1.1.4:80");
    StateNodes.publish(a1, "10.0.0.1", web, new Backend("10.0.0.1", "10.0.0.1", 31004, 1));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(installed(key("tcp://11.1.1.4:80")))
                    .containsExactly(d("172.17.0.2", 8080, 1)));

    // the task restarted on the same host port: the published backend stays the same
    container.set(d("172.17.0.3", 8080, 1));
    controller.localRewriteChanged();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(installed(key("tcp://11.1.1.4:80")))
                    .containsExactly(d("172.17.0.3", 8080, 1)));
    StateNodes.unpublish(a1, web);
  }
}
