package io.dcnet.mesos.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.v0.MasterStateParser;
import io.dcnet.mesos.v1.MasterEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseAndScenarioTest {

  static boolean emulatorThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(
            t ->
                t.isAlive()
                    && (t.getName().startsWith(EmulatorServers.THREAD_PREFIX)
                        || (!t.isDaemon() && t.getName().startsWith("HTTP-Dispatcher"))));
  }

  @Test
  void closeLeavesNoThreadsEvenWithOpenStreams() throws Exception {
    MesosEmulator emu =
        MesosEmulator.builder()
            .masterAddresses(List.of("127.0.0.1", "127.0.0.2"))
            .heartbeatInterval(Duration.ofMillis(100))
            .start();
    try (EmuClient client = new EmuClient()) {
      Scenarios.sampleCluster(emu, List.of(new Scenarios.App("web", 31000)));
      var sub = client.subscribe(emu.masterUrls().get(0), "application/json");
      assertThat(sub.next()).isInstanceOf(MasterEvent.Subscribed.class);
      assertThat(emulatorThreadsAlive()).as("threads exist before close").isTrue();
      emu.stallStreams(true);
      emu.close();
      emu.close(); // idempotent
      await().atMost(Duration.ofSeconds(10)).until(() -> !emulatorThreadsAlive());
      await().atMost(Duration.ofSeconds(5)).until(() -> sub.ended);
    }
  }

  @Test
  void sampleClusterRunsTheAppsWithPortsAndDiscoveryNames() throws Exception {
    try (MesosEmulator emu = MesosEmulator.builder().start()) {
      var c =
          Scenarios.sampleCluster(
              emu, List.of(new Scenarios.App("web", 31000), new Scenarios.App("api", 31001)));
      MasterState s = emu.state();
      assertThat(s.agents()).hasSize(2);
      assertThat(s.frameworks())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.id()).isEqualTo(c.frameworkId());
                assertThat(f.name()).isEqualTo("marathon");
                assertThat(f.tasks()).extracting(Task::state).containsOnly(Task.RUNNING);
                assertThat(f.tasks())
                    .extracting(t -> t.discovery().name())
                    .containsExactly("web", "api");
                assertThat(f.tasks())
                    .extracting(Task::ports)
                    .containsExactly(List.of(31000), List.of(31001));
                assertThat(f.tasks())
                    .extracting(Task::agentId)
                    .containsExactlyElementsOf(c.agentIds());
              });
    }
  }

  @Test
  void scenarioFileSeedsTheState() throws Exception {
    Path p = Path.of("../../shared/fixtures/mesos-dns/fake.json");
    if (!p.toFile().exists()) {
      p = Path.of("../shared/fixtures/mesos-dns/fake.json");
    }
    MasterState fixture = MasterStateParser.parse(Files.readAllBytes(p));
    try (MesosEmulator emu = MesosEmulator.builder().scenario(p).start()) {
      MasterState s = emu.state();
      assertThat(s.agents()).isEqualTo(fixture.agents());
      assertThat(s.frameworks()).hasSameSizeAs(fixture.frameworks());
      assertThat(s.leader()).isEqualTo(emu.leaderPid());
    }
  }
}
