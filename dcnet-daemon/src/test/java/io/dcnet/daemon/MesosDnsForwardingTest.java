package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.daemon.mesosdns.MesosDnsDaemon;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.config.MesosDnsConfigLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Names outside the Mesos domain: forwarded to resolvers / zoneResolvers, or REFUSED. */
class MesosDnsForwardingTest {
  @Test
  void forwardsToResolversAndZoneResolvers() throws Exception {
    try (MesosEmulator emu = MesosEmulator.builder().start();
        FakeUpstream general = new FakeUpstream("192.0.2.1");
        FakeUpstream corp = new FakeUpstream("192.0.2.2")) {
      String json =
          """
          {"masters": ["127.0.0.1:%d"], "listener": "127.0.0.1", "port": 0,
           "httpListener": "127.0.0.1", "httpport": 0, "timeout": 2,
           "resolvers": ["127.0.0.1:%d"], "zoneResolvers": {"corp": ["127.0.0.1:%d"]}}
          """
              .formatted(emu.masterPort(), general.port(), corp.port());
      try (MesosDnsDaemon d = start(json)) {
        int port = d.dnsPort();
        for (boolean tcp : new boolean[] {false, true}) {
          assertThat(Dig.values(Dig.query(port, "example.org.", Type.A, tcp)))
              .containsExactly("192.0.2.1");
          assertThat(Dig.values(Dig.query(port, "host.corp.", Type.A, tcp)))
              .containsExactly("192.0.2.2");
        }
        assertThat(Dig.query(port, "leader.mesos.", Type.A, false).getRcode())
            .isEqualTo(Rcode.NOERROR);
        // Transparent forwarding keeps the client's transport: one UDP and one TCP query each.
        assertThat(general.udpQueries()).isEqualTo(1);
        assertThat(general.tcpQueries()).isEqualTo(1);
        assertThat(corp.udpQueries()).isEqualTo(1);
        assertThat(corp.tcpQueries()).isEqualTo(1);
      }
    }
  }

  @Test
  void refusesOtherNamesWhenExternalIsOff() throws Exception {
    try (MesosEmulator emu = MesosEmulator.builder().start();
        FakeUpstream general = new FakeUpstream("192.0.2.1")) {
      String json =
          """
          {"masters": ["127.0.0.1:%d"], "listener": "127.0.0.1", "port": 0,
           "httpListener": "127.0.0.1", "httpport": 0, "externalon": false,
           "resolvers": ["127.0.0.1:%d"]}
          """
              .formatted(emu.masterPort(), general.port());
      try (MesosDnsDaemon d = start(json)) {
        assertThat(Dig.query(d.dnsPort(), "example.org.", Type.A, false).getRcode())
            .isEqualTo(Rcode.REFUSED);
        assertThat(general.udpQueries() + general.tcpQueries()).isZero();
      }
    }
  }

  static MesosDnsDaemon start(String json) throws Exception {
    MesosDnsConfig cfg = MesosDnsConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8));
    MesosDnsDaemon d = new MesosDnsDaemon(cfg, MesosAuth.none(), "test", () -> {});
    d.start();
    assertThat(d.awaitReadyAndListen(Duration.ofSeconds(20))).isTrue();
    return d;
  }
}
