package io.dcnet.mesos.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.NetworkInfo;
import io.dcnet.mesos.model.PortMapping;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import io.dcnet.mesos.v0.MasterStateParser;
import io.dcnet.mesos.v0.MasterStateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortMappingCodecTest {
  private static Task mappedTask() {
    TaskStatus running =
        new TaskStatus(
            "TASK_RUNNING",
            1.7e9,
            List.of(),
            List.of(
                new NetworkInfo(
                    List.of("9.0.1.29"),
                    "",
                    "mesos-bridge",
                    List.of(new PortMapping(12049, 80, "tcp"), new PortMapping(12050, 53, "")))),
            null);
    return new Task(
        "app.1",
        "app",
        "f-0",
        "a-S0",
        "TASK_RUNNING",
        List.of(12049),
        List.of(running),
        null,
        List.of());
  }

  @Test
  void agentGetStateRoundTripsPortMappings() throws Exception {
    AgentState s =
        new AgentState(
            List.of(new Framework("f-0", "marathon", "", "", true, List.of(mappedTask()))));
    byte[] json = V1Json.renderAgentGetState(s);
    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains(
            "\"port_mappings\":[{\"host_port\":12049,\"container_port\":80,\"protocol\":\"tcp\"}");
    AgentState back = V1Json.parseAgentGetState(json);
    assertThat(back).isEqualTo(s);
    assertThat(
            back.frameworks()
                .get(0)
                .tasks()
                .get(0)
                .statuses()
                .get(0)
                .networkInfos()
                .get(0)
                .portMappings())
        .containsExactly(new PortMapping(12049, 80, "tcp"), new PortMapping(12050, 53, ""));
  }

  @Test
  void v0StateParsesPortMappings() throws Exception {
    var state =
        new io.dcnet.mesos.model.MasterState(
            "master@10.0.0.1:5050",
            List.of(),
            List.of(new Framework("f-0", "marathon", "", "", true, List.of(mappedTask()))));
    var back = MasterStateParser.parse(MasterStateRenderer.render(state));
    assertThat(
            back.frameworks()
                .get(0)
                .tasks()
                .get(0)
                .statuses()
                .get(0)
                .networkInfos()
                .get(0)
                .portMappings())
        .containsExactly(new PortMapping(12049, 80, "tcp"), new PortMapping(12050, 53, ""));
  }

  @Test
  void badPortMappingNamesTheField() {
    byte[] json =
        ("{\"type\":\"GET_STATE\",\"get_state\":{\"get_tasks\":{\"launched_tasks\":[{\"task_id\":{\"value\":\"t\"},"
                + "\"framework_id\":{\"value\":\"f\"},\"agent_id\":{\"value\":\"a\"},\"state\":\"TASK_RUNNING\","
                + "\"statuses\":[{\"state\":\"TASK_RUNNING\",\"timestamp\":1,\"container_status\":{\"network_infos\":"
                + "[{\"port_mappings\":[{\"host_port\":70000,\"container_port\":80}]}]}}]}]}}}")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> V1Json.parseAgentGetState(json))
        .isInstanceOf(MesosStateException.class)
        .hasMessageContaining("port_mappings[0].host_port")
        .hasMessageContaining("70000");
  }
}
