package io.dcnet.mesos.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Pid;
import io.dcnet.mesos.model.Task;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hand-written JSON in the real Mesos shapes (from the spec), and malformed input. */
class V1JsonSamplesTest {

  static MasterEvent event(String json) throws MesosStateException {
    return V1Json.parseEvent(json.getBytes(StandardCharsets.UTF_8));
  }

  static final String SUBSCRIBED =
      """
      {"type":"SUBSCRIBED","subscribed":{"heartbeat_interval_seconds":15,"get_state":{
        "get_tasks":{"tasks":[
          {"name":"web","task_id":{"value":"web.4f2e"},"framework_id":{"value":"f-0000"},
           "agent_id":{"value":"a1b2-S0"},"state":"TASK_RUNNING",
           "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.1}},
                        {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31001},{"begin":31005,"end":31005}]}}],
           "labels":{"labels":[{"key":"owner","value":"a"},{"key":"novalue"}]},
           "statuses":[{"task_id":{"value":"web.4f2e"},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR",
             "agent_id":{"value":"a1b2-S0"},"timestamp":1700000000.5,
             "labels":{"labels":[{"key":"Docker.NetworkSettings.IPAddress","value":"172.17.0.2"}]},
             "container_status":{"container_id":{"value":"c1"},"network_infos":[
               {"ip_addresses":[{"protocol":"IPv4","ip_address":"9.0.0.5"},{"protocol":"IPv6","ip_address":"fd00::5"}],"name":"dcos"}]}}],
           "discovery":{"visibility":"CLUSTER","name":"web",
             "ports":{"ports":[{"number":8080,"name":"http","protocol":"tcp"}]}}},
          {"name":"orphan","task_id":{"value":"o.1"},"framework_id":{"value":"f-gone"},
           "agent_id":{"value":"a1b2-S0"},"state":"TASK_RUNNING"}],
          "completed_tasks":[{"name":"old","task_id":{"value":"old.1"},"framework_id":{"value":"f-0000"},"state":"TASK_FINISHED"}]},
        "get_frameworks":{"frameworks":[{"framework_info":{"user":"root","name":"marathon",
           "id":{"value":"f-0000"},"hostname":"10.0.0.11","failover_timeout":604800},
           "active":true,"connected":true,"recovered":false}]},
        "get_agents":{"agents":[{"agent_info":{"hostname":"10.0.0.11","port":5051,"id":{"value":"a1b2-S0"}},
           "active":true,"version":"1.11.0","pid":"slave(1)@[2001:db8::11]:5051"}]},
        "get_executors":{"executors":[]}}}}
      """;

  @Test
  void subscribedSampleGroupsTasksAndReadsV1Shapes() throws Exception {
    var sub = (MasterEvent.Subscribed) event(SUBSCRIBED);
    assertThat(sub.heartbeatIntervalSeconds()).isEqualTo(15.0);
    MasterState s = sub.state();
    assertThat(s.leader()).isEmpty();
    assertThat(s.agents())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo("a1b2-S0");
              assertThat(Pid.parse(a.pid()).orElseThrow().host()).isEqualTo("2001:db8::11");
            });
    assertThat(s.frameworks()).extracting(Framework::id).containsExactly("f-0000", "f-gone");
    assertThat(s.frameworks().get(1).name()).isEmpty();
    assertThat(s.frameworks().get(1).tasks()).extracting(Task::id).containsExactly("o.1");
    Task web = s.frameworks().get(0).tasks().get(0);
    assertThat(web.ports()).containsExactly(31000, 31001, 31005);
    assertThat(web.labels()).containsExactly(new Label("owner", "a"), new Label("novalue", ""));
    var st = web.latestRunningStatus().orElseThrow();
    assertThat(st.labels()).extracting(Label::value).containsExactly("172.17.0.2");
    assertThat(st.networkInfos().get(0).ipAddresses()).containsExactly("9.0.0.5", "fd00::5");
    assertThat(web.discovery().ports().get(0).number()).isEqualTo(8080);
  }

  @Test
  void taskUpdatedReadsIdsInsideStatusOrAtTopLevel() throws Exception {
    var inside =
        (MasterEvent.TaskUpdated)
            event(
                """
                {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"f"},"state":"TASK_FAILED",
                 "status":{"task_id":{"value":"t1"},"agent_id":{"value":"a1"},"state":"TASK_FAILED","timestamp":2.5}}}
                """);
    assertThat(inside)
        .extracting(
            MasterEvent.TaskUpdated::taskId,
            MasterEvent.TaskUpdated::agentId,
            MasterEvent.TaskUpdated::state)
        .containsExactly("t1", "a1", "TASK_FAILED");
    assertThat(inside.status().timestamp()).isEqualTo(2.5);
    var top =
        (MasterEvent.TaskUpdated)
            event(
                """
                {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"f"},
                 "task_id":{"value":"t2"},"agent_id":{"value":"a2"},
                 "status":{"state":"TASK_RUNNING","timestamp":3}}}
                """);
    assertThat(top.taskId()).isEqualTo("t2");
    assertThat(top.agentId()).isEqualTo("a2");
    assertThat(top.state()).as("falls back to status.state").isEqualTo("TASK_RUNNING");
  }

  @Test
  void getMasterFallsBackToAddress() throws Exception {
    byte[] json =
        """
        {"type":"GET_MASTER","get_master":{"master_info":{"id":"m","ip":16777226,"port":5050,
          "hostname":"m1","address":{"hostname":"m1","ip":"10.0.0.1","port":5050}}}}
        """
            .getBytes(StandardCharsets.UTF_8);
    assertThat(V1Json.parseGetMaster(json)).isEqualTo(new Pid("master", "10.0.0.1", 5050));
    byte[] none =
        "{\"type\":\"GET_MASTER\",\"get_master\":{\"master_info\":{\"id\":\"m\"}}}"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> V1Json.parseGetMaster(none))
        .isInstanceOf(MesosStateException.class)
        .hasMessageContaining("get_master.master_info");
  }

  @Test
  void agentGetStateReadsLaunchedAndQueuedTasks() throws Exception {
    byte[] json =
        """
        {"type":"GET_STATE","get_state":{
          "get_tasks":{"launched_tasks":[{"name":"a","task_id":{"value":"a.1"},"framework_id":{"value":"f"},"state":"TASK_RUNNING"}],
                       "queued_tasks":[{"name":"b","task_id":{"value":"b.1"},"framework_id":{"value":"f"},"state":"TASK_STAGING"}],
                       "completed_tasks":[{"name":"c","task_id":{"value":"c.1"},"framework_id":{"value":"f"},"state":"TASK_FINISHED"}]},
          "get_frameworks":{"frameworks":[{"framework_info":{"name":"marathon","id":{"value":"f"}}}]},
          "get_executors":{"executors":[{"executor_info":{"executor_id":{"value":"e"}}}]}}}
        """
            .getBytes(StandardCharsets.UTF_8);
    AgentState a = V1Json.parseAgentGetState(json);
    assertThat(a.frameworks())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo("marathon");
              assertThat(f.tasks()).extracting(Task::id).containsExactly("b.1", "a.1");
            });
  }

  @Test
  void unknownTypeIsTolerated() throws Exception {
    assertThat(event("{\"type\":\"OPERATION_UPDATED\",\"operation_updated\":{}}"))
        .isEqualTo(new MasterEvent.Unknown("OPERATION_UPDATED"));
  }

  @Test
  void malformedInputNamesThePath() {
    assertThatThrownBy(() -> event("{not json"))
        .isInstanceOf(MesosStateException.class)
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> event("[]")).hasMessageContaining("top level");
    assertThatThrownBy(() -> event("{}")).hasMessageContaining("type: missing");
    assertThatThrownBy(() -> event("{\"type\":\"TASK_ADDED\"}"))
        .hasMessageContaining("task_added: expected an object (missing)");
    assertThatThrownBy(
            () ->
                event(
                    "{\"type\":\"TASK_ADDED\",\"task_added\":{\"task\":{\"task_id\":{\"value\":\"t\"},"
                        + "\"statuses\":[{\"timestamp\":\"now\"}]}}}"))
        .hasMessageContaining(
            "task_added.task.statuses[0].timestamp: expected a number, got STRING");
    assertThatThrownBy(
            () ->
                event(
                    "{\"type\":\"TASK_ADDED\",\"task_added\":{\"task\":{\"task_id\":{\"value\":\"t\"},"
                        + "\"resources\":[{\"name\":\"ports\",\"ranges\":{\"range\":[{\"begin\":1,\"end\":70000}]}}]}}}"))
        .hasMessageContaining(
            "task_added.task.resources[0].ranges.range[0].end: 70000 (expected: an integer 0-65535)");
    assertThatThrownBy(
            () ->
                event(
                    "{\"type\":\"AGENT_ADDED\",\"agent_added\":{\"agent\":{\"agent_info\":{\"id\":{\"value\":\"a\"}},\"pid\":\"nohost\"}}}"))
        .hasMessageContaining("agent_added.agent.pid: 'nohost' (expected: id@host:port)");
    assertThatThrownBy(() -> event("{\"type\":\"AGENT_REMOVED\",\"agent_removed\":{}}"))
        .hasMessageContaining("agent_removed.agent_id: missing");
    assertThatThrownBy(
            () ->
                event(
                    "{\"type\":\"TASK_ADDED\",\"task_added\":{\"task\":{\"task_id\":{\"value\":\"t\"},\"labels\":{\"labels\":\"x\"}}}}"))
        .hasMessageContaining("task_added.task.labels.labels: expected an array");
    assertThatThrownBy(
            () -> V1Json.parseGetState("{\"type\":\"GET_STATE\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("get_state: expected an object (missing)");
  }
}
