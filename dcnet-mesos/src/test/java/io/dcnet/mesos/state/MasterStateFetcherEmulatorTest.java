package io.dcnet.mesos.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesos.http.MesosClientConfig;
import io.dcnet.mesos.http.MesosHttpClientFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MasterStateFetcherEmulatorTest {
  private static final List<String> IPS = List.of("127.0.0.11", "127.0.0.12", "127.0.0.13");
  private MesosEmulator emu;
  private MasterStateFetcher fetcher;
  private String task;

  @BeforeEach
  void setUp() throws Exception {
    emu = MesosEmulator.builder().masterAddresses(IPS).requiredToken("s3cret").start();
    String agent = emu.addAgent("agent1", "127.0.0.1");
    String fw = emu.addFramework("marathon", "127.0.0.1", "scheduler(1)@127.0.0.1:45000");
    task = emu.launchTask(TaskSpec.of(fw, agent, "web").withHostPorts(31000, 31001));
    fetcher = fetcher("s3cret");
  }

  private static MasterStateFetcher fetcher(String token) throws IOException {
    return new MasterStateFetcher(
        MesosHttpClientFactory.create(MesosClientConfig.plain().withAuth(MesosAuth.token(token))),
        Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() {
    emu.close();
  }

  private String addr(int i) {
    return IPS.get(i) + ":" + emu.masterPort();
  }

  @Test
  void readsTheStateFromTheLeader() throws Exception {
    MasterStateResult r = fetcher.fetch(List.of(addr(0), addr(1), addr(2)));
    assertThat(r.answeredBy().toString()).isEqualTo(addr(0));
    assertThat(r.state().leader()).isEqualTo("master@" + addr(0));
    assertThat(r.state().frameworks().get(0).tasks().get(0).id()).isEqualTo(task);
    assertThat(r.state().frameworks().get(0).tasks().get(0).ports()).containsExactly(31000, 31001);
  }

  @Test
  void followsTheLeaderAfterItMoved() throws Exception {
    emu.moveLeader(1);
    MasterStateResult r = fetcher.fetch(List.of(addr(0)));
    assertThat(r.answeredBy().toString()).isEqualTo(addr(1));
    assertThat(r.state().leader()).isEqualTo("master@" + addr(1));
  }

  @Test
  void failsOverWhenTheHintIsDown() throws Exception {
    emu.moveLeader(2);
    String down = "127.0.0.14:" + emu.masterPort();
    MasterStateResult r = fetcher.fetch(List.of(down, addr(2)));
    assertThat(r.answeredBy().toString()).isEqualTo(addr(2));
  }

  @Test
  void noLeaderIsReported() {
    emu.setNoLeader();
    assertThatThrownBy(() -> fetcher.fetch(List.of(addr(0), addr(1))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void tokenIsRequired() throws Exception {
    assertThatThrownBy(() -> fetcher("wrong").fetch(List.of(addr(0))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 401");
  }

  @Test
  void malformedStateNamesTheProblem() {
    emu.overrideMasterState(
        "{\"leader\":\"master@127.0.0.11:1\",\"slaves\":{\"id\":1}}"
            .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> fetcher.fetch(List.of(addr(0))))
        .isInstanceOf(MesosStateException.class)
        .hasMessageContaining("/master/state")
        .hasMessageContaining("slaves");
    emu.overrideMasterState("not json".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> fetcher.fetch(List.of(addr(0))))
        .isInstanceOf(MesosStateException.class)
        .hasMessageContaining(addr(0));
  }
}
