package io.dcnet.l4lb.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.state.ClusterState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingZooKeeperServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Allocation needs a majority of a 3-server ZooKeeper ensemble. */
class ZkMajorityTest {
  private TestingCluster ensemble;
  private CuratorFramework client;
  private ClusterState state;
  private NamedVipController controller;

  @AfterEach
  void tearDown() throws Exception {
    if (controller != null) {
      controller.close();
    }
    if (state != null) {
      state.close();
    }
    if (client != null) {
      client.close();
    }
    if (ensemble != null) {
      ensemble.close();
    }
  }

  @Test
  void oneServerDownStillAllocatesTwoDownFailsAndPublishesNothing() throws Exception {
    ensemble = new TestingCluster(3);
    ensemble.start();
    client = ZkTestClients.start(ensemble.getConnectString());
    ZkNamedVipStore store =
        new ZkNamedVipStore(
            client, NamedVipRanges.defaults(), ZkNamedVipStore.DEFAULT_BASE, Clock.systemUTC());
    NamedVipAddress before = store.allocate("before.marathon", false);

    List<TestingZooKeeperServer> servers = ensemble.getServers();
    servers.get(0).stop();
    AtomicReference<NamedVipAddress> oneDown = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> oneDown.compareAndSet(null, store.allocate("one-down.marathon", false)));
    assertThat(oneDown.get().ipv4()).isNotEqualTo(before.ipv4());

    state = StateNodes.startMaster("master-1");
    controller =
        new NamedVipController(
            state,
            store,
            AllocatorLeadership.always(),
            NamedVipSettings.defaults().withTick(Duration.ofMillis(200)).withSettle(Duration.ZERO),
            Clock.systemUTC());
    servers.get(1).stop(); // one of three left: no quorum
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> store.allocate("no-quorum.marathon", false))
        .isInstanceOf(NamedVipStoreException.class)
        .hasMessageContaining("named VIP store (ZooKeeper")
        .hasMessageContaining("failed: allocate no-quorum.marathon");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));

    controller.start();
    StateNodes.putBackend(state, "agent-1", "no-quorum.marathon");
    await().atMost(Duration.ofSeconds(15)).until(() -> controller.errors() > 0);
    assertThat(state.get(L4lbKeys.NAMES)).doesNotContainKey("no-quorum.marathon");
  }
}
