package io.dcnet.mesos.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.v1.MasterEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscribeStreamTest {
  MesosEmulator emu;
  EmuClient client;
  String fw;
  String agent;

  @BeforeEach
  void setUp() throws Exception {
    emu =
        MesosEmulator.builder()
            .masterAddresses(List.of("127.0.0.1", "127.0.0.2"))
            .heartbeatInterval(Duration.ofMillis(200))
            .start();
    client = new EmuClient();
    fw = emu.addFramework("marathon", "10.0.0.9");
    agent = emu.addAgent("agent-1", "127.0.0.1");
  }

  @AfterEach
  void tearDown() {
    client.close();
    emu.close();
  }

  String leaderUrl() {
    return emu.masterUrls().get(emu.leaderIndex());
  }

  @Test
  void subscribedThenLiveTaskEvents() throws Exception {
    String existing = emu.launchTask(TaskSpec.of(fw, agent, "old").withHostPorts(31000));
    try (var sub = client.subscribe(leaderUrl(), "application/json")) {
      assertThat(sub.response.statusCode()).isEqualTo(200);
      assertThat(sub.response.headers().firstValue("Content-Type")).hasValue("application/json");
      var subscribed = (MasterEvent.Subscribed) sub.next();
      assertThat(subscribed.heartbeatIntervalSeconds()).isEqualTo(0.2);
      assertThat(subscribed.state().leader()).isEmpty();
      assertThat(subscribed.state().frameworks().get(0).tasks())
          .extracting(Task::id)
          .containsExactly(existing);

      String id = emu.launchTask(TaskSpec.of(fw, agent, "web").withContainerIps("9.0.0.5"));
      var added = (MasterEvent.TaskAdded) sub.next();
      assertThat(added.task().id()).isEqualTo(id);
      assertThat(added.task().state()).isEqualTo("TASK_STAGING");
      var running = (MasterEvent.TaskUpdated) sub.next();
      assertThat(running.taskId()).isEqualTo(id);
      assertThat(running.state()).isEqualTo(Task.RUNNING);
      assertThat(running.frameworkId()).isEqualTo(fw);
      assertThat(running.agentId()).isEqualTo(agent);
      assertThat(running.status().networkInfos().get(0).ipAddresses()).containsExactly("9.0.0.5");

      emu.setHealthy(id, false);
      assertThat(((MasterEvent.TaskUpdated) sub.next()).status().healthy()).isFalse();
      emu.failTask(id);
      assertThat(((MasterEvent.TaskUpdated) sub.next()).state()).isEqualTo("TASK_FAILED");
      emu.killTask(existing);
      assertThat(((MasterEvent.TaskUpdated) sub.next()).state()).isEqualTo("TASK_KILLED");
      assertThat(emu.state().frameworks().get(0).tasks()).isEmpty();

      String a2 = emu.addAgent("agent-2", "127.0.0.1");
      assertThat(((MasterEvent.AgentAdded) sub.next()).agent().id()).isEqualTo(a2);
      emu.removeAgent(a2);
      assertThat(sub.next()).isEqualTo(new MasterEvent.AgentRemoved(a2));
      String fw2 = emu.addFramework("chronos", "h");
      assertThat(((MasterEvent.FrameworkAdded) sub.next()).framework().id()).isEqualTo(fw2);
      emu.removeFramework(fw2);
      assertThat(sub.next()).isEqualTo(new MasterEvent.FrameworkRemoved(fw2));
    }
  }

  @Test
  void heartbeatsArriveAndRecordioIsHonoured() throws Exception {
    try (var sub = client.subscribe(leaderUrl(), "application/recordio")) {
      assertThat(sub.response.headers().firstValue("Content-Type"))
          .hasValue("application/recordio");
      assertThat(sub.response.headers().firstValue("Message-Content-Type"))
          .hasValue("application/json");
      assertThat(sub.events.poll(5, TimeUnit.SECONDS)).isInstanceOf(MasterEvent.Subscribed.class);
      assertThat(sub.events.poll(5, TimeUnit.SECONDS)).isInstanceOf(MasterEvent.Heartbeat.class);
      assertThat(sub.events.poll(5, TimeUnit.SECONDS)).isInstanceOf(MasterEvent.Heartbeat.class);
    }
  }

  @Test
  void cutStreamsAndLeaderMovesEndStreams() throws Exception {
    var first = client.subscribe(leaderUrl(), "application/json");
    assertThat(first.next()).isInstanceOf(MasterEvent.Subscribed.class);
    await().atMost(Duration.ofSeconds(5)).until(() -> emu.openStreamCount() == 1);
    emu.cutStreams();
    await().atMost(Duration.ofSeconds(5)).until(() -> first.ended);

    var second = client.subscribe(leaderUrl(), "application/json");
    assertThat(second.next()).isInstanceOf(MasterEvent.Subscribed.class);
    emu.moveLeader(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> second.ended);
    try (var redirected = client.subscribe(emu.masterUrls().get(0), "application/json")) {
      assertThat(redirected.response.statusCode()).isEqualTo(307);
    }
    first.close();
    second.close();
    assertThat(emu.requestCount("/api/v1#SUBSCRIBE")).isEqualTo(2);
  }

  @Test
  void stalledStreamsSendNothingUntilResumed() throws Exception {
    try (var sub = client.subscribe(leaderUrl(), "application/json")) {
      assertThat(sub.next()).isInstanceOf(MasterEvent.Subscribed.class);
      emu.stallStreams(true);
      sub.events.clear();
      String id = emu.launchTask(TaskSpec.of(fw, agent, "late"));
      // 4 heartbeat intervals of silence, connection still open
      assertThat(sub.events.poll(800, TimeUnit.MILLISECONDS)).isNull();
      assertThat(sub.ended).isFalse();
      emu.stallStreams(false);
      var added = (MasterEvent.TaskAdded) sub.next();
      assertThat(added.task().id()).isEqualTo(id);
    }
  }

  @Test
  void disconnectedSubscriberIsDropped() throws Exception {
    var sub = client.subscribe(leaderUrl(), "application/json");
    assertThat(sub.next()).isInstanceOf(MasterEvent.Subscribed.class);
    assertThat(emu.openStreamCount()).isEqualTo(1);
    sub.close();
    // the next heartbeat write fails and the stream is dropped
    await().atMost(Duration.ofSeconds(5)).until(() -> emu.openStreamCount() == 0);
  }
}
