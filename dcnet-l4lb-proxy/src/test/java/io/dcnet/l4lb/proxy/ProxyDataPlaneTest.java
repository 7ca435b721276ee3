package io.dcnet.l4lb.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dcnet.l4lb.dataplane.DataPlaneException;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.dataplane.TrafficHarness;
import io.dcnet.l4lb.model.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Userspace-specific behaviour beyond the contract: choice, fall-over, UDP expiry, bind errors. */
class ProxyDataPlaneTest {
  private final LoopbackHarness env = new LoopbackHarness();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private ProxyDataPlane dp;

  private ProxyDataPlane plane(ProxyOptions options) {
    dp = new ProxyDataPlane(options);
    return dp;
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    if (dp != null) {
      dp.close();
    }
    env.close();
  }

  @Test
  void newConnectionsGoToTheLessLoadedDestination() throws Exception {
    plane(ProxyOptions.defaults());
    ServiceKey vip = new ServiceKey(Protocol.TCP, env.vip4(1), 8001);
    Destination a = env.startBackend("a", false, 1);
    Destination b = env.startBackend("b", false, 1);
    dp.sync(L4Snapshot.empty().with(vip, List.of(a)));
    assertThat(flow(vip).backend()).isEqualTo("a");
    assertThat(flow(vip).backend()).isEqualTo("a");
    dp.sync(L4Snapshot.empty().with(vip, List.of(a, b)));
    // a holds 2 outstanding connections, b none: the next two both go to b
    assertThat(flow(vip).backend()).isEqualTo("b");
    assertThat(flow(vip).backend()).isEqualTo("b");
  }

  @Test
  void aFailedConnectFallsOverToAnotherDestination() throws Exception {
    plane(ProxyOptions.defaults());
    ServiceKey vip = new ServiceKey(Protocol.TCP, env.vip4(2), 8002);
    Destination live = env.startBackend("live", false, 1);
    Destination dead = new Destination(live.address(), closedPort(live.address()), 1);
    dp.sync(L4Snapshot.empty().with(vip, List.of(dead, live)));
    for (int i = 0; i < 30; i++) {
      assertThat(env.request(vip)).as("request %d", i).contains("live");
    }
    assertThat(dp.stats().connectFailures()).as("the dead destination was tried").isPositive();
  }

  @Test
  void whenEveryConnectFailsTheClientIsReset() throws Exception {
    plane(ProxyOptions.defaults());
    InetAddress lo = env.vip4(9);
    ServiceKey vip = new ServiceKey(Protocol.TCP, env.vip4(3), 8003);
    dp.sync(L4Snapshot.empty().with(vip, List.of(new Destination(lo, closedPort(lo), 1))));
    assertThat(env.request(vip)).isEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> dp.stats().tcpRefused() == 1);
  }

  @Test
  void udpSessionsExpireWhenIdle() throws Exception {
    plane(ProxyOptions.defaults().withUdpSessionIdle(Duration.ofMillis(200)));
    ServiceKey vip = new ServiceKey(Protocol.UDP, env.vip4(4), 8004);
    dp.sync(L4Snapshot.empty().with(vip, List.of(env.startBackend("u", false, 1))));
    assertThat(env.request(vip)).contains("u");
    assertThat(dp.stats().udpSessions()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> dp.stats().udpSessions() == 0);
    assertThat(env.request(vip)).as("a new session after expiry").contains("u");
  }

  @Test
  void udpWithoutLiveDestinationsDrops() throws Exception {
    plane(ProxyOptions.defaults());
    ServiceKey vip = new ServiceKey(Protocol.UDP, env.vip6(0), 8005);
    Destination d = env.startBackend("v6", true, 0);
    dp.sync(L4Snapshot.empty().with(vip, List.of(d)));
    assertThat(env.request(vip)).isEmpty();
    assertThat(dp.stats().udpDropped()).isEqualTo(1);
    dp.sync(L4Snapshot.empty().with(vip, List.of(d.withWeight(1))));
    assertThat(env.request(vip)).contains("v6");
  }

  @Test
  void aBindFailureNamesTheServiceAndDoesNotStopTheOthers() throws Exception {
    plane(ProxyOptions.defaults());
    ServerSocket squatter = new ServerSocket();
    closing.add(squatter);
    squatter.bind(new InetSocketAddress(env.vip4(5), 0));
    ServiceKey taken = new ServiceKey(Protocol.TCP, env.vip4(5), squatter.getLocalPort());
    ServiceKey fine = new ServiceKey(Protocol.TCP, env.vip4(6), 8006);
    Destination d = env.startBackend("ok", false, 1);
    L4Snapshot want = L4Snapshot.empty().with(taken, List.of(d)).with(fine, List.of(d));
    assertThatThrownBy(() -> dp.sync(want))
        .isInstanceOf(DataPlaneException.class)
        .hasMessageContaining(taken.toString());
    assertThat(dp.installed()).isEqualTo(L4Snapshot.empty().with(fine, List.of(d)));
    assertThat(env.request(fine)).contains("ok");
    squatter.close();
    dp.sync(want);
    assertThat(dp.installed()).as("the retry binds it").isEqualTo(want);
  }

  @Test
  void removingAServiceClosesItsOpenConnections() throws Exception {
    plane(ProxyOptions.defaults());
    ServiceKey vip = new ServiceKey(Protocol.TCP, env.vip4(7), 8007);
    dp.sync(L4Snapshot.empty().with(vip, List.of(env.startBackend("r", false, 1))));
    TrafficHarness.Flow f = flow(vip);
    assertThat(f.stillServed()).isTrue();
    dp.sync(L4Snapshot.empty());
    assertThat(servedQuietly(f)).isFalse();
    assertThat(env.request(vip)).isEmpty();
  }

  private TrafficHarness.Flow flow(ServiceKey vip) throws IOException {
    TrafficHarness.Flow f = env.open(vip);
    closing.add(f);
    return f;
  }

  private static boolean servedQuietly(TrafficHarness.Flow f) {
    try {
      return f.stillServed();
    } catch (IOException e) {
      return false;
    }
  }

  /** A port on {@code address} where nothing listens (bound once, then released). */
  private static int closedPort(InetAddress address) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(address, 0));
      return s.getLocalPort();
    }
  }
}
