package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.daemon.mesosdns.MesosDnsDaemon;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.config.MesosDnsConfigLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * A multi-step scenario while the poller runs: tasks start, fail and move between agents, the Mesos
 * leader moves, the master serves malformed state for a while, an agent goes away. DNS follows
 * every step, and keeps the last good records while the state is bad.
 */
class MesosDnsFollowsClusterTest {
  static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void dnsFollowsTasksLeadersAndSurvivesBadState() throws Exception {
    try (MesosEmulator emu =
        MesosEmulator.builder().masterAddresses(List.of("127.0.0.11", "127.0.0.12")).start()) {
      int mp = emu.masterPort();
      String json =
          """
          {"masters": ["127.0.0.11:%d", "127.0.0.12:%d"], "refreshSeconds": 1,
           "listener": "127.0.0.1", "port": 0, "httpListener": "127.0.0.1", "httpport": 0,
           "externalon": false}
          """
              .formatted(mp, mp);
      MesosDnsConfig cfg = MesosDnsConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8));
      String fw = emu.addFramework("marathon", "127.0.0.11");
      String a1 = emu.addAgent("a1", "127.0.2.1");
      String a2 = emu.addAgent("a2", "127.0.2.2");
      String a3 = emu.addAgent("a3", "127.0.2.3");
      try (MesosDnsDaemon d = new MesosDnsDaemon(cfg, MesosAuth.none(), "test", () -> {})) {
        d.start();
        assertThat(d.awaitReadyAndListen(WAIT)).isTrue();
        int port = d.dnsPort();

        // start
        String t1 = emu.launchTask(TaskSpec.of(fw, a1, "web").withHostPorts(31000));
        awaitA(port, "web.marathon.mesos.", Set.of("127.0.2.1"));
        String t2 = emu.launchTask(TaskSpec.of(fw, a2, "web").withHostPorts(31001));
        awaitA(port, "web.marathon.mesos.", Set.of("127.0.2.1", "127.0.2.2"));
        assertThat(Dig.query(port, "_web._tcp.marathon.mesos.", Type.SRV, false).getSection(1))
            .hasSize(2);

        // fail one, move the other (killed on a2, started on a3)
        emu.failTask(t1);
        awaitA(port, "web.marathon.mesos.", Set.of("127.0.2.2"));
        emu.killTask(t2);
        emu.launchTask(TaskSpec.of(fw, a3, "web").withHostPorts(31002));
        awaitA(port, "web.marathon.mesos.", Set.of("127.0.2.3"));

        // leadership moves: the old leader answers 307, the next master in the list is used
        awaitA(port, "leader.mesos.", Set.of("127.0.0.11"));
        emu.moveLeader(1);
        awaitA(port, "leader.mesos.", Set.of("127.0.0.12"));
        awaitA(port, "master.mesos.", Set.of("127.0.0.11", "127.0.0.12"));

        // malformed, then partial-but-invalid state: failures counted, old records served
        long failures = d.refresher().failures();
        emu.overrideMasterState(
            "{\"leader\": \"master@127.0.0.12".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> d.refresher().failures() >= failures + 2);
        emu.overrideMasterState(
            ("{\"leader\":\"master@127.0.0.12:"
                    + mp
                    + "\",\"slaves\":[{\"id\":\"x\",\"pid\":\"bad\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> d.refresher().failures() >= failures + 4);
        assertThat(Dig.values(Dig.query(port, "web.marathon.mesos.", Type.A, true)))
            .containsExactly("127.0.2.3");
        emu.clearOverride();

        // the agent goes away with its task
        emu.removeAgent(a3);
        await()
            .atMost(WAIT)
            .until(
                () ->
                    Dig.query(port, "web.marathon.mesos.", Type.A, false).getRcode()
                        == Rcode.NXDOMAIN);
      }
    }
  }

  static void awaitA(int port, String name, Set<String> ips) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> assertThat(Dig.values(Dig.query(port, name, Type.A, false))).isEqualTo(ips));
  }
}
