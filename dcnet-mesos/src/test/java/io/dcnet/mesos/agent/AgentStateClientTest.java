package io.dcnet.mesos.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.net.HostPort;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesos.http.MesosClientConfig;
import io.dcnet.mesos.http.MesosHttpClientFactory;
import io.dcnet.mesos.model.Framework;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentStateClientTest {
  private static AgentStateClient client(String token) throws IOException {
    return new AgentStateClient(
        MesosHttpClientFactory.create(MesosClientConfig.plain().withAuth(MesosAuth.token(token))));
  }

  @Test
  void readsTheAgentsFrameworksAndTasks() throws Exception {
    try (MesosEmulator emu =
        MesosEmulator.builder()
            .masterAddresses(List.of("127.0.0.11"))
            .requiredToken("t0k")
            .start()) {
      String agent = emu.addAgent("agent1", "127.0.0.1");
      String fw = emu.addFramework("marathon", "127.0.0.1");
      String task = emu.launchTask(TaskSpec.of(fw, agent, "web").withContainerIps("9.0.0.7"));
      URI url = URI.create(emu.agentUrl(agent));
      HostPort hp = new HostPort(url.getHost(), url.getPort());

      var state = client("t0k").getState(hp);
      assertThat(state.frameworks()).extracting(Framework::id).contains(fw);
      assertThat(state.frameworks().stream().flatMap(f -> f.tasks().stream()))
          .anySatisfy(t -> assertThat(t.id()).isEqualTo(task));

      assertThatThrownBy(() -> client("bad").getState(hp))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("/api/v1");
    }
  }
}
