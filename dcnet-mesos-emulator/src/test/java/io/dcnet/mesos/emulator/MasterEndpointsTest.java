package io.dcnet.mesos.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Pid;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.v0.MasterStateParser;
import io.dcnet.mesos.v1.AgentState;
import io.dcnet.mesos.v1.V1Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MasterEndpointsTest {
  MesosEmulator emu;
  EmuClient client;
  String fw;
  String agent;

  @BeforeEach
  void setUp() throws Exception {
    emu =
        MesosEmulator.builder()
            .masterAddresses(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"))
            .start();
    client = new EmuClient();
    fw = emu.addFramework("marathon", "10.0.0.9", "scheduler(1)@10.0.0.9:45000");
    agent = emu.addAgent("agent-1", "127.0.0.1");
  }

  @AfterEach
  void tearDown() {
    client.close();
    emu.close();
  }

  @Test
  void leaderServesV0StateThatParses() throws Exception {
    String id =
        emu.launchTask(
            TaskSpec.of(fw, agent, "web").withHostPorts(31000, 31001).withContainerIps("9.0.0.5"));
    for (String path : List.of("/master/state", "/state")) {
      HttpResponse<byte[]> r = client.get(emu.masterUrls().get(0) + path);
      assertThat(r.statusCode()).isEqualTo(200);
      MasterState s = MasterStateParser.parse(r.body());
      assertThat(s).isEqualTo(emu.state());
      assertThat(s.leader()).isEqualTo("master@127.0.0.1:" + emu.masterPort());
      Task t = s.frameworks().get(0).tasks().get(0);
      assertThat(t.id()).isEqualTo(id).startsWith("web.");
      assertThat(t.state()).isEqualTo(Task.RUNNING);
      assertThat(t.ports()).containsExactly(31000, 31001);
      assertThat(t.latestRunningStatus().orElseThrow().networkInfos().get(0).ipAddresses())
          .containsExactly("9.0.0.5");
    }
    assertThat(emu.requestCount("/master/state")).isEqualTo(1);
    assertThat(emu.requestCount("/state")).isEqualTo(1);
  }

  @Test
  void nonLeadersRedirectWithProtocolRelativeLocation() throws Exception {
    int port = emu.masterPort();
    HttpResponse<byte[]> r = client.get(emu.masterUrls().get(1) + "/master/state?jsonp=x");
    assertThat(r.statusCode()).isEqualTo(307);
    assertThat(r.headers().firstValue("Location"))
        .hasValue("//127.0.0.1:" + port + "/master/state?jsonp=x");
    emu.moveLeader(2);
    assertThat(emu.leaderPid()).isEqualTo("master@127.0.0.3:" + port);
    HttpResponse<byte[]> api = client.call(emu.masterUrls().get(0), "GET_STATE");
    assertThat(api.statusCode()).isEqualTo(307);
    assertThat(api.headers().firstValue("Location")).hasValue("//127.0.0.3:" + port + "/api/v1");
    assertThat(client.get(emu.masterUrls().get(2) + "/master/state").statusCode()).isEqualTo(200);
  }

  @Test
  void noLeaderMeans503Everywhere() throws Exception {
    emu.setNoLeader();
    assertThat(emu.leaderPid()).isEmpty();
    for (String url : emu.masterUrls()) {
      assertThat(client.get(url + "/master/state").statusCode()).isEqualTo(503);
      assertThat(client.call(url, "GET_STATE").statusCode()).isEqualTo(503);
    }
    assertThat(emu.state().leader()).isEmpty();
  }

  @Test
  void apiRejectsNonPostAndUnknownCalls() throws Exception {
    String url = emu.masterUrls().get(0);
    assertThat(client.get(url + "/api/v1").statusCode()).isEqualTo(405);
    assertThat(client.call(url, "FLY_TO_MOON").statusCode()).isEqualTo(400);
    HttpResponse<byte[]> bad =
        client.http.send(
            HttpRequest.newBuilder(URI.create(url + "/api/v1"))
                .POST(HttpRequest.BodyPublishers.ofString("{nope"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(client.get(url + "/master/state.json").statusCode()).isEqualTo(404);
  }

  @Test
  void getStateAndGetMasterParseWithTheV1Codec() throws Exception {
    emu.launchTask(TaskSpec.of(fw, agent, "db").withId("db.1"));
    HttpResponse<byte[]> st = client.call(emu.masterUrls().get(0), "GET_STATE");
    assertThat(st.statusCode()).isEqualTo(200);
    assertThat(st.headers().firstValue("Content-Type")).hasValue("application/json");
    MasterState s = V1Json.parseGetState(st.body());
    Framework f = s.frameworks().get(0);
    assertThat(f.name()).isEqualTo("marathon");
    assertThat(f.tasks()).extracting(Task::id).containsExactly("db.1");
    assertThat(s.agents()).extracting(a -> a.id()).containsExactly(agent);
    Pid leader = V1Json.parseGetMaster(client.call(emu.masterUrls().get(0), "GET_MASTER").body());
    assertThat(leader).isEqualTo(Pid.parse(emu.leaderPid()).orElseThrow());
    assertThat(emu.requestCount("/api/v1#GET_MASTER")).isEqualTo(1);
  }

  @Test
  void agentServesItsOwnTasks() throws Exception {
    String other = emu.addAgent("agent-2", "127.0.0.1");
    emu.launchTask(TaskSpec.of(fw, agent, "a").withId("a.1"));
    emu.launchTask(TaskSpec.of(fw, other, "b").withId("b.1"));
    HttpResponse<byte[]> r = client.call(emu.agentUrl(agent), "GET_STATE");
    assertThat(r.statusCode()).isEqualTo(200);
    AgentState s = V1Json.parseAgentGetState(r.body());
    assertThat(s.frameworks())
        .singleElement()
        .satisfies(f -> assertThat(f.tasks()).extracting(Task::id).containsExactly("a.1"));
    assertThat(emu.state().agentsById().get(agent).pid())
        .isEqualTo("slave(1)@" + emu.agentUrl(agent).substring("http://".length()));
    emu.removeAgent(other);
    assertThat(emu.state().agents()).extracting(a -> a.id()).containsExactly(agent);
    assertThat(emu.completedTasks())
        .extracting(Task::id, Task::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b.1", "TASK_GONE"));
  }

  @Test
  void overrideServesRawBytes() throws Exception {
    emu.overrideMasterState("{\"leader\": 5".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r = client.get(emu.masterUrls().get(0) + "/master/state");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"leader\": 5");
    emu.clearOverride();
    assertThat(
            MasterStateParser.parse(client.get(emu.masterUrls().get(0) + "/master/state").body())
                .leader())
        .isEqualTo(emu.leaderPid());
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThatThrownBy(() -> emu.launchTask(TaskSpec.of("nope", agent, "x")))
        .hasMessage("frameworkId: nope (expected: a registered framework)");
    assertThatThrownBy(() -> emu.killTask("ghost"))
        .hasMessage("taskId: ghost (expected: a non-terminal task)");
    assertThatThrownBy(() -> emu.moveLeader(3)).hasMessage("idx: 3 (expected: 0-2)");
  }

  @Test
  void requiredTokenGives401WithoutIt() throws Exception {
    try (MesosEmulator secured = MesosEmulator.builder().requiredToken("abc").start()) {
      String url = secured.masterUrls().get(0);
      assertThat(client.get(url + "/master/state").statusCode()).isEqualTo(401);
      HttpResponse<byte[]> ok =
          client.http.send(
              HttpRequest.newBuilder(URI.create(url + "/master/state"))
                  .header("Authorization", "token=abc")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(ok.statusCode()).isEqualTo(200);
    }
  }
}
