package io.dcnet.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.core.net.HostResolver;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.mesos.http.MesosClientConfig;
import io.dcnet.mesos.http.MesosHttpClientFactory;
import io.dcnet.mesos.stream.OperatorApiSubscriber;
import io.dcnet.mesos.stream.SubscriberOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real subscriber against the emulator, feeding the controller on a real timer. */
class MesosZoneEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final List<DnsZone> published = new CopyOnWriteArrayList<>();
  private MesosEmulator emu;
  private OperatorApiSubscriber sub;
  private MesosZoneController ctl;
  private ScheduledExecutorService timer;

  @BeforeEach
  void setUp() throws Exception {
    emu = MesosEmulator.builder().heartbeatInterval(Duration.ofMillis(100)).start();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "zone-timer");
              t.setDaemon(true);
              return t;
            });
    ControllerOptions fast =
        new ControllerOptions(
            Duration.ofMillis(50),
            Duration.ofSeconds(2),
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            Duration.ofMillis(20));
    ctl =
        new MesosZoneController(
            new TaskRecords(HostResolver.literalsOnly()),
            () -> List.of("127.0.0.1"),
            published::add,
            Clock.systemUTC(),
            fast);
    ctl.start(timer);
    sub =
        new OperatorApiSubscriber(
            MesosHttpClientFactory.create(
                MesosClientConfig.plain().withRequestTimeout(Duration.ofSeconds(5))),
            () -> List.of("127.0.0.1:" + emu.masterPort()),
            SubscriberOptions.defaults()
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .withIdleTimeout(Duration.ofSeconds(2)));
    sub.addListener(ctl);
  }

  @AfterEach
  void tearDown() {
    sub.close();
    ctl.close();
    timer.shutdownNow();
    emu.close();
  }

  private List<ZoneRecord> last(String taskAndFramework, String kind) {
    if (published.isEmpty()) {
      return null;
    }
    return Fixtures.get(published.get(published.size() - 1), taskAndFramework, kind);
  }

  @Test
  void theZoneFollowsTasksLaunchedAndKilled() throws Exception {
    String agent = emu.addAgent("agent1", "127.0.0.1");
    String fw = emu.addFramework("marathon", "127.0.0.1");
    String db = emu.launchTask(TaskSpec.of(fw, agent, "db").withHostPorts(31000));
    sub.start();

    await().atMost(WAIT).until(() -> Fixtures.a("127.0.0.1").equals(last("db.marathon", "autoip")));
    DnsZone first = published.get(published.size() - 1);
    assertThat(first.records().get("leader.dcos.thisdcos.directory"))
        .isEqualTo(Fixtures.a("127.0.0.1"));

    String web = emu.launchTask(TaskSpec.of(fw, agent, "web").withContainerIps("9.0.0.5"));
    await().atMost(WAIT).until(() -> Fixtures.a("9.0.0.5").equals(last("web.marathon", "autoip")));
    assertThat(last("web.marathon", "agentip")).isEqualTo(Fixtures.a("127.0.0.1"));

    emu.killTask(web);
    await().atMost(WAIT).until(() -> last("web.marathon", "autoip") == null);
    assertThat(last("db.marathon", "agentip")).isEqualTo(Fixtures.a("127.0.0.1"));

    // a cut stream resubscribes; db never leaves the published zone
    int before = published.size();
    emu.cutStreams();
    await().atMost(WAIT).until(() -> sub.subscriptions() >= 2);
    int beforeKill = published.size();
    emu.killTask(db);
    await().atMost(WAIT).until(() -> last("db.marathon", "autoip") == null);
    List<DnsZone> resubscribed = List.copyOf(published).subList(before, beforeKill);
    assertThat(resubscribed).allMatch(z -> Fixtures.get(z, "db.marathon", "autoip") != null);
  }
}
