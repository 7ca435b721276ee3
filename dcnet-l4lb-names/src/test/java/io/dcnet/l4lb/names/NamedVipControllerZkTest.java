package io.dcnet.l4lb.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.state.ClusterState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The controller as it runs on masters: ZooKeeper store and leader latch (real in-JVM ZooKeeper),
 * real in-JVM cluster-state node.
 */
class NamedVipControllerZkTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final NamedVipSettings FAST =
      NamedVipSettings.defaults().withTick(Duration.ofMillis(100)).withSettle(Duration.ZERO);
  private static TestingServer zk;
  private static ClusterState state;
  private final List<CuratorFramework> clients = new ArrayList<>();
  private final List<NamedVipController> controllers = new ArrayList<>();
  private final MutableClock clock = new MutableClock();

  @BeforeAll
  static void startAll() throws Exception {
    zk = new TestingServer(true);
    state = StateNodes.startMaster("master-1");
  }

  @AfterAll
  static void stopAll() throws Exception {
    state.close();
    zk.close();
  }

  @AfterEach
  void stopControllers() {
    controllers.forEach(NamedVipController::close);
    clients.forEach(CuratorFramework::close);
  }

  /** A master's controller: its own ZooKeeper session, store and latch. */
  private NamedVipController startMaster(String id, NamedVipRanges ranges) throws Exception {
    return startMaster(id, ranges, FAST);
  }

  private NamedVipController startMaster(String id, NamedVipRanges ranges, NamedVipSettings cfg)
      throws Exception {
    CuratorFramework c = ZkTestClients.start(zk.getConnectString());
    clients.add(c);
    NamedVipStore store =
        new ZkNamedVipStore(c, ranges, ZkNamedVipStore.DEFAULT_BASE, Clock.systemUTC());
    NamedVipController ctl =
        new NamedVipController(
            state,
            store,
            new ZkAllocatorLeadership(c, ZkAllocatorLeadership.DEFAULT_PATH, id),
            cfg,
            clock);
    ctl.start();
    controllers.add(ctl);
    return ctl;
  }

  private static Optional<NamedVipAddress> published(String name) {
    return Optional.ofNullable(state.get(L4lbKeys.NAMES).get(name));
  }

  private static Optional<NamedVipAddress> inZk(String name) throws Exception {
    CuratorFramework c = ZkTestClients.start(zk.getConnectString());
    try {
      return new ZkNamedVipStore(c, NamedVipRanges.defaults()).find(name);
    } finally {
      c.close();
    }
  }

  @Test
  void backendsGiveANamesEntryAndTheReservationEndsAfterTheGrace() throws Exception {
    startMaster("m1", NamedVipRanges.defaults());
    StateNodes.putBackend(state, "agent-1", "web.marathon");
    await().atMost(WAIT).until(() -> published("web.marathon").isPresent());
    NamedVipAddress a = published("web.marathon").orElseThrow();
    assertThat(inZk("web.marathon")).contains(a);

    StateNodes.removeBackend(state, "agent-1", "web.marathon");
    await().atMost(WAIT).until(() -> published("web.marathon").isEmpty());
    assertThat(inZk("web.marathon")).contains(a);
    clock.advance(Duration.ofMinutes(10));
    await().atMost(WAIT).until(() -> inZk("web.marathon").isEmpty());
  }

  @Test
  void collidingNamesKeepTheirAddressesAcrossControllerRestarts() throws Exception {
    NamedVipRanges small = NamedVipStoreContract.TEST_RANGES;
    List<String> same = SameStartNames.find(small.ipv4(), 2, -1);
    NamedVipController first = startMaster("m1", small);
    StateNodes.putBackend(state, "agent-a", same.get(0));
    await().atMost(WAIT).until(() -> published(same.get(0)).isPresent());
    StateNodes.putBackend(state, "agent-b", same.get(1));
    await().atMost(WAIT).until(() -> published(same.get(1)).isPresent());
    NamedVipAddress a = published(same.get(0)).orElseThrow();
    NamedVipAddress b = published(same.get(1)).orElseThrow();
    assertThat(a.ipv4()).isNotEqualTo(b.ipv4());

    first.close();
    controllers.remove(first);
    for (String n : same) {
      state.remove(L4lbKeys.NAMES, n).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    // the restarted controller sees the names in the opposite order: ZooKeeper decides, not order
    StateNodes.removeBackend(state, "agent-a", same.get(0));
    startMaster("m1-restarted", small);
    await().atMost(WAIT).until(() -> published(same.get(1)).equals(Optional.of(b)));
    StateNodes.putBackend(state, "agent-a", same.get(0));
    await().atMost(WAIT).until(() -> published(same.get(0)).equals(Optional.of(a)));
    StateNodes.removeBackend(state, "agent-a", same.get(0));
    StateNodes.removeBackend(state, "agent-b", same.get(1));
  }

  @Test
  void onlyTheLatchHolderActsAndAnotherMasterTakesOver() throws Exception {
    NamedVipController m1 = startMaster("m1", NamedVipRanges.defaults());
    startMaster("m2", NamedVipRanges.defaults());
    StateNodes.putBackend(state, "agent-1", "failover.marathon");
    await().atMost(WAIT).until(() -> published("failover.marathon").isPresent());
    NamedVipAddress a = published("failover.marathon").orElseThrow();

    m1.close(); // m1 held the latch: it started first
    controllers.remove(m1);
    StateNodes.removeBackend(state, "agent-1", "failover.marathon");
    await().atMost(WAIT).until(() -> published("failover.marathon").isEmpty());
    StateNodes.putBackend(state, "agent-1", "failover.marathon");
    await().atMost(WAIT).until(() -> published("failover.marathon").equals(Optional.of(a)));
    StateNodes.removeBackend(state, "agent-1", "failover.marathon");
  }

  @Test
  void turningIpv6OnAddsAddressesWithoutMovingIpv4AndOffKeepsThem() throws Exception {
    NamedVipController off = startMaster("m1", NamedVipRanges.defaults());
    StateNodes.putBackend(state, "agent-6a", "dual.marathon");
    StateNodes.putBackend(state, "agent-6b", "resting.marathon");
    await().atMost(WAIT).until(() -> published("dual.marathon").isPresent());
    await().atMost(WAIT).until(() -> published("resting.marathon").isPresent());
    NamedVipAddress v4only = published("dual.marathon").orElseThrow();
    NamedVipAddress resting = published("resting.marathon").orElseThrow();
    assertThat(v4only.ipv6()).isNull();
    StateNodes.removeBackend(state, "agent-6b", "resting.marathon"); // reserved, in its grace
    await().atMost(WAIT).until(() -> published("resting.marathon").isEmpty());

    // the operator enables IPv6: the daemon restarts the controller with the new settings
    off.close();
    controllers.remove(off);
    // settle longer than the test (manual clock): a restart never unpublishes, as in production
    NamedVipSettings restarted = FAST.withSettle(Duration.ofMinutes(1));
    NamedVipController on =
        startMaster("m1-ipv6", NamedVipRanges.defaults(), restarted.withIpv6(true));
    await()
        .atMost(WAIT)
        .until(() -> published("dual.marathon").map(a -> a.ipv6() != null).orElse(false));
    NamedVipAddress dual = published("dual.marathon").orElseThrow();
    assertThat(dual.ipv4()).isEqualTo(v4only.ipv4());
    assertThat(dual.ipv6()).startsWith("fd01:c::");
    assertThat(inZk("dual.marathon")).contains(dual);
    await().atMost(WAIT).until(() -> inZk("resting.marathon").orElseThrow().ipv6() != null);
    assertThat(inZk("resting.marathon").orElseThrow().ipv4()).isEqualTo(resting.ipv4());

    // and disables it again: existing IPv6 addresses stay, new names get none
    on.close();
    controllers.remove(on);
    startMaster("m1-ipv4", NamedVipRanges.defaults(), restarted);
    StateNodes.putBackend(state, "agent-6c", "fresh.marathon");
    await().atMost(WAIT).until(() -> published("fresh.marathon").isPresent());
    assertThat(published("fresh.marathon").orElseThrow().ipv6()).isNull();
    await()
        .during(Duration.ofMillis(300))
        .atMost(WAIT)
        .until(() -> published("dual.marathon").equals(Optional.of(dual)));
    assertThat(inZk("dual.marathon")).contains(dual);
    StateNodes.removeBackend(state, "agent-6a", "dual.marathon");
    StateNodes.removeBackend(state, "agent-6c", "fresh.marathon");
  }
}
