package io.dcnet.mesos.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.MasterState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ClusterController} without HTTP: leadership, stream opening, agent ordering, close. */
class ClusterControllerTest {
  private final ClusterController cluster =
      new ClusterController(
          new MasterTopology(List.of("127.0.0.1", "127.0.0.2"), 5050),
          new MasterState("", List.of(), List.of()),
          Duration.ofSeconds(15));

  @Test
  void streamsOpenOnlyOnTheCurrentLeaderAndEndWhenItMoves() {
    assertThat(cluster.leaderPid()).isEqualTo("master@127.0.0.1:5050");
    assertThat(cluster.openStream(1)).isNull();
    assertThat(cluster.openStream(0)).isNotNull();
    assertThat(cluster.streams().openCount()).isEqualTo(1);

    cluster.moveLeader(1);
    assertThat(cluster.streams().openCount()).isZero();
    assertThat(cluster.leaderPid()).isEqualTo("master@127.0.0.2:5050");
    assertThat(cluster.openStream(0)).isNull();
    assertThat(cluster.openStream(1)).isNotNull();

    cluster.setNoLeader();
    assertThat(cluster.streams().openCount()).isZero();
    assertThat(cluster.leaderIndex()).isEqualTo(-1);
    assertThat(cluster.state().leader()).isEmpty();
    assertThat(cluster.openStream(1)).isNull();
    assertThatThrownBy(() -> cluster.moveLeader(2)).hasMessage("idx: 2 (expected: 0-1)");
  }

  @Test
  void agentEndpointStartsBeforeTheAgentIsRegistered() {
    List<List<Agent>> seenByEndpoint = new ArrayList<>();
    Agent agent =
        cluster.addAgent("a1", "slave(1)@127.0.0.1:5051", id -> seenByEndpoint.add(agents()));
    assertThat(seenByEndpoint).containsExactly(List.of());
    assertThat(agents()).containsExactly(agent);
    assertThat(agent.pid()).isEqualTo("slave(1)@127.0.0.1:5051");

    assertThatThrownBy(
            () ->
                cluster.addAgent(
                    "a2",
                    "slave(1)@127.0.0.1:5052",
                    id -> {
                      throw new IllegalStateException("endpoint failed");
                    }))
        .hasMessage("endpoint failed");
    assertThat(agents()).containsExactly(agent);
  }

  @Test
  void closeIsIdempotentAndRefusesNewThings() {
    assertThat(cluster.close()).isTrue();
    assertThat(cluster.close()).isFalse();
    assertThat(cluster.openStream(0)).isNull();
    assertThatThrownBy(() -> cluster.addFramework("m", "h", ""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("emulator: closed");
    List<String> started = new ArrayList<>();
    assertThatThrownBy(() -> cluster.addAgent("a", "slave(1)@127.0.0.1:1", started::add))
        .hasMessage("emulator: closed");
    assertThat(started).isEmpty();
  }

  private List<Agent> agents() {
    return cluster.state().agents();
  }
}
