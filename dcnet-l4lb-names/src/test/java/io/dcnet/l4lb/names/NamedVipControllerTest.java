package io.dcnet.l4lb.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.state.ClusterState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The controller against a real in-JVM cluster-state node, with the in-memory store. */
class NamedVipControllerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final NamedVipSettings FAST =
      NamedVipSettings.defaults().withTick(Duration.ofMillis(100)).withSettle(Duration.ZERO);
  private static ClusterState state;
  private final MutableClock clock = new MutableClock();
  private NamedVipController controller;

  @BeforeAll
  static void startState() {
    state = StateNodes.startMaster("master-1");
  }

  @AfterAll
  static void stopState() {
    state.close();
  }

  @AfterEach
  void stopController() {
    if (controller != null) {
      controller.close();
    }
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private NamedVipController start(NamedVipStore store, NamedVipSettings settings) {
    controller =
        new NamedVipController(
            state, store, AllocatorLeadership.always(), settings, clock, registry);
    controller.start();
    return controller;
  }

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  private double failures(String reason) {
    return registry.get(NamedVipMetrics.FAILURES).tag("reason", reason).counter().count();
  }

  private static Optional<NamedVipAddress> published(String name) {
    return Optional.ofNullable(state.get(L4lbKeys.NAMES).get(name));
  }

  @Test
  void publishesWhileBackendsExistAndReleasesAfterTheGrace() throws Exception {
    NamedVipStore store = new InMemoryNamedVipStore(NamedVipRanges.defaults());
    start(store, FAST.withIpv6(true));
    StateNodes.putBackend(state, "agent-1", "mygroupmyapp.marathon");
    await().atMost(WAIT).until(() -> published("mygroupmyapp.marathon").isPresent());
    NamedVipAddress a = published("mygroupmyapp.marathon").orElseThrow();
    assertThat(a.ipv4()).startsWith("11.");
    assertThat(a.ipv6()).startsWith("fd01:c::");
    assertThat(store.find("mygroupmyapp.marathon")).contains(a);

    StateNodes.removeBackend(state, "agent-1", "mygroupmyapp.marathon");
    await().atMost(WAIT).until(() -> published("mygroupmyapp.marathon").isEmpty());
    assertThat(store.find("mygroupmyapp.marathon")).contains(a); // kept during the grace

    // back within the grace: same address
    StateNodes.putBackend(state, "agent-1", "mygroupmyapp.marathon");
    await().atMost(WAIT).until(() -> published("mygroupmyapp.marathon").equals(Optional.of(a)));

    StateNodes.removeBackend(state, "agent-1", "mygroupmyapp.marathon");
    await().atMost(WAIT).until(() -> published("mygroupmyapp.marathon").isEmpty());
    clock.advance(Duration.ofMinutes(9));
    await()
        .during(Duration.ofMillis(500))
        .atMost(WAIT)
        .until(() -> store.find("mygroupmyapp.marathon").isPresent());
    clock.advance(Duration.ofMinutes(1));
    await().atMost(WAIT).until(() -> store.find("mygroupmyapp.marathon").isEmpty());
  }

  @Test
  void removesStaleEntriesOnlyAfterSettling() throws Exception {
    NamedVipStore store = new InMemoryNamedVipStore(NamedVipRanges.defaults());
    state
        .put(
            L4lbKeys.NAMES,
            "stale.marathon",
            new NamedVipAddress("stale.marathon", "11.0.0.9", null))
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    start(store, FAST.withSettle(Duration.ofSeconds(30)));
    StateNodes.putBackend(state, "agent-2", "live.marathon");
    await().atMost(WAIT).until(() -> published("live.marathon").isPresent());
    assertThat(published("stale.marathon")).isPresent();
    clock.advance(Duration.ofSeconds(31));
    await().atMost(WAIT).until(() -> published("stale.marathon").isEmpty());
    assertThat(published("live.marathon")).isPresent();
    StateNodes.removeBackend(state, "agent-2", "live.marathon");
  }

  @Test
  void survivesStoreFailuresAndRetries() throws Exception {
    NamedVipStore real = new InMemoryNamedVipStore(NamedVipRanges.defaults());
    start(new FlakyNamedVipStore(real, 3), FAST);
    StateNodes.putBackend(state, "agent-3", "flaky.marathon");
    await().atMost(WAIT).until(() -> published("flaky.marathon").isPresent());
    assertThat(controller.errors()).isGreaterThanOrEqualTo(3);
    assertThat(failures("store")).isEqualTo(3.0); // one per failed pass
    assertThat(counter(NamedVipMetrics.ALLOCATIONS)).isEqualTo(1.0);
    assertThat(registry.get(NamedVipMetrics.LEADER).gauge().value()).isEqualTo(1.0);
    StateNodes.removeBackend(state, "agent-3", "flaky.marathon");
  }

  @Test
  void enablingIpv6AddsAddressesAndRetriesStoreFailures() throws Exception {
    NamedVipStore real = new InMemoryNamedVipStore(NamedVipRanges.defaults());
    NamedVipAddress old = real.allocate("old.marathon", false); // allocated while IPv6 was off
    NamedVipAddress idle = real.allocate("idle.marathon", false); // no backends: in its grace
    FlakyNamedVipStore flaky = new FlakyNamedVipStore(real, 3);
    start(flaky, FAST.withIpv6(true));
    StateNodes.putBackend(state, "agent-4", "old.marathon");
    await()
        .atMost(WAIT)
        .until(() -> published("old.marathon").map(a -> a.ipv6() != null).orElse(false));
    NamedVipAddress now = published("old.marathon").orElseThrow();
    assertThat(now.ipv4()).isEqualTo(old.ipv4());
    assertThat(now.ipv6()).startsWith("fd01:c::");
    assertThat(real.find("old.marathon")).contains(now);
    await().atMost(WAIT).until(() -> real.find("idle.marathon").orElseThrow().ipv6() != null);
    assertThat(real.find("idle.marathon").orElseThrow().ipv4()).isEqualTo(idle.ipv4());
    assertThat(published("idle.marathon")).isEmpty();
    assertThat(controller.errors()).isGreaterThanOrEqualTo(3);
    // nothing left to add: the store is not asked again
    int calls = flaky.allocateCalls();
    clock.advance(Duration.ofSeconds(1));
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> flaky.allocateCalls() == calls);
    StateNodes.removeBackend(state, "agent-4", "old.marathon");
  }

  @Test
  void fullIpv6RangeStillGivesTheIpv4AddressAndAddsIpv6Later() throws Exception {
    // two IPv6 addresses only
    NamedVipStore store =
        new InMemoryNamedVipStore(
            NamedVipRanges.of("11.0.0.0", "11.0.0.254", "fd01:c::", "fd01:c::1"));
    try (LogCapture logs = LogCapture.of(NamedVipController.class)) {
      start(store, FAST.withIpv6(true));
      StateNodes.putBackend(state, "agent-5a", "full1.marathon");
      StateNodes.putBackend(state, "agent-5b", "full2.marathon");
      for (String name : new String[] {"full1.marathon", "full2.marathon"}) {
        await().atMost(WAIT).until(() -> published(name).map(a -> a.ipv6() != null).orElse(false));
      }
      NamedVipAddress first = published("full1.marathon").orElseThrow();

      StateNodes.putBackend(state, "agent-5c", "full3.marathon");
      await().atMost(WAIT).until(() -> published("full3.marathon").isPresent());
      NamedVipAddress v4only = published("full3.marathon").orElseThrow();
      assertThat(v4only.ipv4()).startsWith("11.0.0.");
      assertThat(v4only.ipv6()).isNull();
      // retried every tick, warned once, counted
      await().atMost(WAIT).until(() -> failures("exhausted") >= 3);
      assertThat(logs.count(Level.WARN, "named VIP full3.marathon got no IPv6 address")).isOne();
      assertThat(logs.count(Level.WARN, "l4lb.min_named_ip6..max_named_ip6")).isOne();
      assertThat(controller.errors()).isGreaterThanOrEqualTo(3);
      assertThat(counter(NamedVipMetrics.ALLOCATIONS)).isEqualTo(3.0);
      assertThat(registry.get(NamedVipMetrics.ALLOCATED).gauge().value()).isEqualTo(3.0);
      assertThat(registry.get(NamedVipMetrics.FREE).tag("family", "ipv6").gauge().value()).isZero();

      // full1 goes away; after the grace its IPv6 address is free and full3 gets it
      StateNodes.removeBackend(state, "agent-5a", "full1.marathon");
      await().atMost(WAIT).until(() -> published("full1.marathon").isEmpty());
      clock.advance(Duration.ofMinutes(10));
      await().atMost(WAIT).until(() -> store.find("full1.marathon").isEmpty());
      NamedVipAddress both = new NamedVipAddress("full3.marathon", v4only.ipv4(), first.ipv6());
      await().atMost(WAIT).until(() -> published("full3.marathon").equals(Optional.of(both)));
      assertThat(store.find("full3.marathon")).contains(both);
      assertThat(logs.count(Level.INFO, "named VIP full3.marathon ipv6 " + first.ipv6() + " added"))
          .isOne();
      assertThat(logs.count(Level.WARN, "full3.marathon")).isOne();
      assertThat(counter(NamedVipMetrics.RELEASES)).isEqualTo(1.0);
      assertThat(counter(NamedVipMetrics.IPV6_ADDED)).isEqualTo(1.0);
      assertThat(registry.get(NamedVipMetrics.ALLOCATED).gauge().value()).isEqualTo(2.0);
    } finally {
      StateNodes.removeBackend(state, "agent-5b", "full2.marathon");
      StateNodes.removeBackend(state, "agent-5c", "full3.marathon");
    }
  }
}
