package io.dcnet.l4lb.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.model.Protocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The traffic half of the {@link L4DataPlane} contract, for real data planes: connections to a
 * service reach its destinations, drained destinations get no new connections while open flows
 * continue, removed services refuse. Subclasses provide the data plane and the environment.
 */
public abstract class DataPlaneTrafficContract {
  /** Enough tries that missing one of 3 equal backends by chance is below 1e-9. */
  private static final int SPREAD_TRIES = 60;

  private L4DataPlane dp;
  private TrafficHarness env;

  /** A fresh data plane working in {@code env}. */
  protected abstract L4DataPlane create(TrafficHarness env) throws Exception;

  /** A fresh environment. */
  protected abstract TrafficHarness environment() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    env = environment();
    dp = create(env);
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      if (dp != null) {
        dp.close();
      }
    } finally {
      if (env != null) {
        env.close();
      }
    }
  }

  @Test
  void tcpReachesEveryDestination() throws Exception {
    ServiceKey vip = new ServiceKey(Protocol.TCP, env.vip4(1), 80);
    dp.sync(L4Snapshot.empty().with(vip, startBackends(false, "a", "b", "c")));
    assertThat(spread(vip)).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void udpReachesEveryDestination() throws Exception {
    ServiceKey vip = new ServiceKey(Protocol.UDP, env.vip4(2), 53);
    dp.sync(L4Snapshot.empty().with(vip, startBackends(false, "u1", "u2")));
    assertThat(spread(vip)).containsExactlyInAnyOrder("u1", "u2");
  }

  @Test
  void ipv6ServiceReachesEveryDestination() throws Exception {
    ServiceKey vip = new ServiceKey(Protocol.TCP, env.vip6(1), 8080);
    dp.sync(L4Snapshot.empty().with(vip, startBackends(true, "x", "y")));
    assertThat(spread(vip)).containsExactlyInAnyOrder("x", "y");
  }

  @Test
  void swappedDestinationsTakeOver() throws Exception {
    ServiceKey vip = new ServiceKey(Protocol.TCP, env.vip4(3), 80);
    dp.sync(L4Snapshot.empty().with(vip, startBackends(false, "old")));
    assertThat(env.request(vip)).contains("old");
    dp.sync(L4Snapshot.empty().with(vip, startBackends(false, "new1", "new2")));
    assertThat(spread(vip)).containsExactlyInAnyOrder("new1", "new2");
  }

  @Test
  void drainedDestinationKeepsItsFlowButGetsNoNewConnections() throws Exception {
    ServiceKey vip = new ServiceKey(Protocol.TCP, env.vip4(4), 80);
    List<Destination> both = startBackends(false, "keep", "drain");
    dp.sync(L4Snapshot.empty().with(vip, both));
    List<TrafficHarness.Flow> flows = new ArrayList<>();
    try {
      TrafficHarness.Flow toDrain = null;
      for (int i = 0; i < SPREAD_TRIES && toDrain == null; i++) {
        TrafficHarness.Flow f = env.open(vip);
        flows.add(f);
        if (f.backend().equals("drain")) {
          toDrain = f;
        }
      }
      assertThat(toDrain).as("a flow landed on the backend to drain").isNotNull();
      // close the other flows so that least-outstanding choosers are not biased
      for (TrafficHarness.Flow f : flows) {
        if (f != toDrain) {
          f.close();
        }
      }
      dp.sync(L4Snapshot.empty().with(vip, List.of(both.get(0), both.get(1).withWeight(0))));
      assertThat(spread(vip)).containsExactly("keep");
      assertThat(toDrain.stillServed()).as("the drained backend's open flow continues").isTrue();
    } finally {
      for (TrafficHarness.Flow f : flows) {
        f.close();
      }
    }
  }

  @Test
  void removedServiceRefusesConnections() throws Exception {
    ServiceKey vip = new ServiceKey(Protocol.TCP, env.vip4(5), 80);
    dp.sync(L4Snapshot.empty().with(vip, startBackends(false, "gone")));
    assertThat(env.request(vip)).contains("gone");
    dp.sync(L4Snapshot.empty());
    assertThat(env.request(vip)).isEmpty();
  }

  @Test
  void serviceWithoutLiveDestinationsRefuses() throws Exception {
    ServiceKey vip = new ServiceKey(Protocol.TCP, env.vip4(6), 80);
    List<Destination> one = startBackends(false, "only");
    dp.sync(L4Snapshot.empty().with(vip, List.of(one.get(0).withWeight(0))));
    assertThat(env.request(vip)).isEmpty();
  }

  private List<Destination> startBackends(boolean ipv6, String... names) throws Exception {
    List<Destination> out = new ArrayList<>();
    for (String n : names) {
      out.add(env.startBackend(n, ipv6, 1));
    }
    return out;
  }

  /** The set of backends that answered {@link #SPREAD_TRIES} requests (a failed one fails). */
  private Set<String> spread(ServiceKey vip) throws Exception {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < SPREAD_TRIES; i++) {
      Optional<String> answer = env.request(vip);
      assertThat(answer).as("request %d to %s", i, vip).isPresent();
      seen.add(answer.get());
    }
    return seen;
  }
}
