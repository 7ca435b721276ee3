package io.dcnet.l4lb.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dcnet.core.net.HostPort;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.mesos.agent.AgentStateClient;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.mesos.http.MesosClientConfig;
import io.dcnet.mesos.http.MesosHttpClientFactory;
import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.PortMapping;
import io.dcnet.mesos.v1.AgentState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AgentVipPollerTest {
  private static final AgentVipPoller.Options FAST =
      new AgentVipPoller.Options(Duration.ofMillis(50), Duration.ofMillis(200), true);
  private static final VipId WEB = new VipId(Protocol.TCP, "web.marathon", 80);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicReference<LocalVipsSnapshot> latest =
      new AtomicReference<>(LocalVipsSnapshot.empty("127.0.0.1"));
  private AgentVipPoller poller;

  @AfterEach
  void stop() {
    if (poller != null) {
      poller.close();
    }
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private static DiscoveryInfo discovery(Label... labels) {
    return new DiscoveryInfo(
        "web",
        "CLUSTER",
        List.of(new DiscoveryPort(8080, "http", "tcp", List.of(labels))),
        List.of());
  }

  @Test
  void followsTheRealAgentEndpoint() throws Exception {
    try (MesosEmulator emu =
        MesosEmulator.builder().masterAddresses(List.of("127.0.0.1")).start()) {
      String agent = emu.addAgent("agent1", "127.0.0.1");
      String fw = emu.addFramework("marathon", "127.0.0.1");
      String mapped =
          emu.launchTask(
              TaskSpec.of(fw, agent, "web")
                  .withContainerIps("9.0.1.29")
                  .withPortMappings(new PortMapping(12049, 8080, "tcp"))
                  .withDiscovery(discovery(new Label("VIP_0", "/web:80")))
                  .withHealthy(true));
      String plain =
          emu.launchTask(
              TaskSpec.of(fw, agent, "web")
                  .withContainerIps("9.0.1.30")
                  .withDiscovery(discovery(new Label("VIP_0", "/web:80"))));
      URI url = URI.create(emu.agentUrl(agent));
      AgentStateClient client =
          new AgentStateClient(MesosHttpClientFactory.create(MesosClientConfig.plain()));
      poller =
          new AgentVipPoller(
              AgentStateSource.of(client, new HostPort(url.getHost(), url.getPort())),
              "127.0.0.1",
              FAST,
              registry,
              latest::set);
      poller.start();

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(latest.get().backends().get(WEB))
                      .containsExactly(
                          new Backend("127.0.0.1", "127.0.0.1", 12049, 1),
                          new Backend("127.0.0.1", "9.0.1.30", 8080, 1)));
      assertThat(
              latest
                  .get()
                  .portMappings()
                  .apply(Protocol.TCP, new Backend("127.0.0.1", "127.0.0.1", 12049, 1)))
          .isEqualTo(new Backend("127.0.0.1", "9.0.1.29", 8080, 1));
      assertThat(gauge("local_vips")).isEqualTo(1);
      assertThat(gauge("local_tasks")).isEqualTo(2);
      assertThat(gauge("local_running_tasks")).isEqualTo(2);
      assertThat(gauge("local_backends")).isEqualTo(2);

      emu.setHealthy(mapped, false);
      emu.setState(plain, "TASK_KILLING");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(latest.get().backends().get(WEB))
                      .extracting(Backend::weight)
                      .containsExactly(0, 0));
      assertThat(gauge("local_running_tasks")).isEqualTo(1);

      emu.killTask(mapped);
      emu.killTask(plain);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(latest.get().backends()).isEmpty());
      assertThat(gauge("local_vips")).isZero();
      assertThat(gauge("local_tasks")).isZero();
    }
  }

  @Test
  void survivesFailuresOfTheSourceAndTheListener() {
    AtomicInteger calls = new AtomicInteger();
    AgentVipPoller.Options opts =
        new AgentVipPoller.Options(Duration.ofMillis(10), Duration.ofMillis(40), true);
    List<LocalVipsSnapshot> seen = new CopyOnWriteArrayList<>();
    poller =
        new AgentVipPoller(
            () -> {
              int n = calls.incrementAndGet();
              if (n <= 4) {
                throw new IOException("agent down " + n);
              }
              return Tasks.agent("marathon");
            },
            "10.0.0.1",
            opts,
            registry,
            s -> {
              seen.add(s);
              if (seen.size() == 1) {
                throw new IllegalStateException("listener bug");
              }
            });
    poller.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 3);
    assertThat(registry.get("local_poll_failures_total").counter().count()).isEqualTo(4);
    assertThat(poller.consecutiveFailures()).isZero();
    assertThat(poller.last()).isPresent();
  }

  @Test
  void malformedLabelIsLoggedOnceAndCounted() {
    Logger log = (Logger) LoggerFactory.getLogger(AgentVipMetrics.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    AtomicReference<AgentState> state =
        new AtomicReference<>(
            Tasks.agent(
                "marathon",
                Tasks.task("t1")
                    .ips("9.0.0.1")
                    .discovery(
                        Tasks.port(
                            80,
                            "tcp",
                            Tasks.label("VIP_0", "/ok:80"),
                            Tasks.label("VIP_1", "/broken")))
                    .build()));
    AtomicInteger polls = new AtomicInteger();
    try {
      poller =
          new AgentVipPoller(
              () -> {
                polls.incrementAndGet();
                return state.get();
              },
              "10.0.0.1",
              FAST,
              registry,
              latest::set);
      poller.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() >= 5);
      assertThat(latest.get().backends())
          .containsOnlyKeys(new VipId(Protocol.TCP, "ok.marathon", 80));
      assertThat(appender.list)
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("task t1: label VIP_1=/broken")
                      .contains("expected:"));
      assertThat(
              registry
                  .get("malformed_vip_labels_total")
                  .tag("task", "t1")
                  .tag("label", "VIP_1")
                  .counter()
                  .count())
          .isEqualTo(1);

      state.set(Tasks.agent("marathon"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> registry.find("malformed_vip_labels_total").counters().isEmpty());
    } finally {
      log.detachAppender(appender);
    }
  }
}
