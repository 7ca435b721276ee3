package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.state.engine.EngineCallbacks;
import io.dcnet.state.engine.Incarnation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The remedy for a stuck old incarnation (README "Rejoin"): its listening socket can be closed
 * while its ActorSystem is still alive, so the next incarnation can bind the same port.
 */
class UnbindTransportTest {
  private static final EngineCallbacks NONE =
      new EngineCallbacks() {
        @Override
        public void onChanged(int incarnation, String key, Map<String, String> raw) {}

        @Override
        public void onMembership(int incarnation, MembershipEvent event) {}

        @Override
        public void onSelfUp(int incarnation) {}

        @Override
        public void requestRestart(int incarnation, String reason) {}
      };

  @Test
  void listenerOfALiveSystemIsClosedAndThePortCanBeBoundAgain() {
    ClusterStateConfig cfg =
        ClusterStateConfig.builder(TestCluster.CLUSTER, "u1", NodeRole.AGENT)
            .bind("127.0.0.1", 0)
            .build();
    Incarnation inc = Incarnation.start(1, cfg, 0, List.of(), NONE);
    try {
      int port = inc.port();
      assertThat(PortCheck.isFree("127.0.0.1", port)).isFalse();
      inc.unbindTransport(Duration.ofSeconds(3));
      assertThat(inc.isTerminated()).isFalse();
      await()
          .atMost(Duration.ofSeconds(3))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> PortCheck.isFree("127.0.0.1", port));
    } finally {
      inc.terminate(Duration.ofSeconds(10));
    }
  }
}
