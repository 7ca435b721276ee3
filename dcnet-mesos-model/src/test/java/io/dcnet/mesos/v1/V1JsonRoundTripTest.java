package io.dcnet.mesos.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Pid;
import java.util.List;
import org.junit.jupiter.api.Test;

class V1JsonRoundTripTest {

  @Test
  void everyEventTypeRoundTrips() throws Exception {
    List<MasterEvent> events =
        List.of(
            new MasterEvent.Subscribed(Samples.state(), 15.0),
            new MasterEvent.TaskAdded(Samples.webTask()),
            new MasterEvent.TaskUpdated(
                "f-0000", "web.4f2e", "a1b2-S0", "TASK_RUNNING", Samples.running(1.5e9, "9.0.0.7")),
            new MasterEvent.AgentAdded(new Agent("a-S3", "h3", "slave(1)@[::1]:5051")),
            new MasterEvent.AgentRemoved("a-S3"),
            new MasterEvent.FrameworkAdded(
                new Framework("f-9", "kafka", "10.0.0.9", "", true, List.of()), false),
            new MasterEvent.FrameworkAdded(
                new Framework("f-9", "kafka", "10.0.0.9", "", false, List.of()), true),
            new MasterEvent.FrameworkRemoved("f-9"),
            new MasterEvent.Heartbeat(),
            new MasterEvent.Unknown("SOMETHING_NEW"));
    for (MasterEvent e : events) {
      assertThat(V1Json.parseEvent(V1Json.render(e))).as("%s", e).isEqualTo(e);
    }
  }

  @Test
  void namedRenderersMatchGenericRender() throws Exception {
    assertThat(V1Json.parseEvent(V1Json.renderHeartbeat())).isEqualTo(new MasterEvent.Heartbeat());
    assertThat(V1Json.parseEvent(V1Json.renderAgentRemoved("x")))
        .isEqualTo(new MasterEvent.AgentRemoved("x"));
    assertThat(V1Json.parseEvent(V1Json.renderSubscribed(Samples.state(), 2.5)))
        .isEqualTo(new MasterEvent.Subscribed(Samples.state(), 2.5));
  }

  @Test
  void getStateRoundTrips() throws Exception {
    MasterState s = Samples.state();
    assertThat(V1Json.parseGetState(V1Json.renderGetState(s))).isEqualTo(s);
  }

  @Test
  void frameworkPidIsDroppedAndEmptyTaskFrameworkIdFilledIn() throws Exception {
    var t = Samples.webTask();
    var noFw =
        new io.dcnet.mesos.model.Task(
            t.id(),
            t.name(),
            "",
            t.agentId(),
            t.state(),
            t.ports(),
            t.statuses(),
            t.discovery(),
            t.labels());
    MasterState in =
        new MasterState(
            "master@10.0.0.1:5050",
            List.of(),
            List.of(
                new Framework("f", "m", "h", "scheduler(1)@10.0.0.2:4000", true, List.of(noFw))));
    MasterState out = V1Json.parseGetState(V1Json.renderGetState(in));
    assertThat(out.leader()).isEmpty();
    assertThat(out.frameworks().get(0).pid()).isEmpty();
    assertThat(out.frameworks().get(0).tasks().get(0).frameworkId()).isEqualTo("f");
  }

  @Test
  void agentGetStateRoundTrips() throws Exception {
    // the agent API has no "active" flag: frameworks read back as active
    AgentState a =
        new AgentState(
            Samples.state().frameworks().stream()
                .map(f -> new Framework(f.id(), f.name(), f.hostname(), "", true, f.tasks()))
                .toList());
    assertThat(V1Json.parseAgentGetState(V1Json.renderAgentGetState(a))).isEqualTo(a);
  }

  @Test
  void getMasterRoundTripsIpv4AndIpv6() throws Exception {
    Pid v4 = new Pid("master", "10.0.0.1", 5050);
    Pid v6 = new Pid("master", "2001:db8::1", 5050);
    assertThat(V1Json.parseGetMaster(V1Json.renderGetMaster(v4, "m1", "node1"))).isEqualTo(v4);
    assertThat(V1Json.parseGetMaster(V1Json.renderGetMaster(v6, "m1", "node1"))).isEqualTo(v6);
  }

  @Test
  void recordIoFramesWithDecimalLengthAndNoTrailer() {
    byte[] framed =
        RecordIo.frame("{\"a\":\"é\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(new String(framed, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("10\n{\"a\":\"é\"}");
    assertThat(RecordIo.frame(new byte[0])).containsExactly('0', '\n');
  }
}
