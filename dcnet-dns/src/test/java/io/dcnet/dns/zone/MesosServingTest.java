package io.dcnet.dns.zone;

import static io.dcnet.dns.server.DnsTestClient.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.dns.forward.Forwarder;
import io.dcnet.dns.mesos.AuthorityView;
import io.dcnet.dns.mesos.MesosAuthority;
import io.dcnet.dns.records.RecordSet;
import io.dcnet.dns.records.SoaSettings;
import io.dcnet.dns.server.DnsServer;
import io.dcnet.dns.server.DnsServerOptions;
import io.dcnet.dns.server.DnsTestClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The daemon's wiring over real sockets: Mesos zone authoritative, everything else forwarded. */
class MesosServingTest {
  static MesosAuthority authority() {
    RecordSet.Builder b = RecordSet.builder();
    b.addA("web.marathon.mesos.", "10.0.0.1");
    for (int i = 0; i < 60; i++) {
      String host = "web-" + i + ".marathon.slave.mesos.";
      b.addA(host, "10.1.0." + i);
      b.addSrv("_web._tcp.marathon.mesos.", host + ":" + (31000 + i));
    }
    RecordSet rs = b.build();
    SoaSettings soa = new SoaSettings("mesos", "ns1.mesos.", "root.ns1.mesos.", 60, 60, 600, 86400);
    return new MesosAuthority(() -> new AuthorityView(rs, 42, soa), 1, true);
  }

  @Test
  void servesTheMesosZoneAndRefusesOrForwardsTheRest() throws Exception {
    Forwarder noUpstreams = new Forwarder(List.of(), Duration.ZERO);
    try (DnsServer server =
        new DnsServer(
                LOOPBACK,
                0,
                new ZoneRouter(Map.of("mesos.", authority()), noUpstreams, Map.of()),
                DnsServerOptions.defaults().withIoThreads(1))
            .start()) {
      InetSocketAddress udp = server.udpAddress();
      // SRV owner case survives the wire (compression included)
      Message srv =
          DnsTestClient.tcp(
              server.tcpAddress(), DnsTestClient.query("_WEB._tcp.marathon.MESOS.", Type.SRV));
      assertThat(srv.getSection(Section.ANSWER)).hasSize(60);
      assertThat(srv.getSection(Section.ANSWER).get(0).getName().toString())
          .isEqualTo("_WEB._tcp.marathon.MESOS.");
      assertThat(srv.getSection(Section.ADDITIONAL)).hasSize(60);
      assertThat(srv.getHeader().getFlag(Flags.AA)).isTrue();

      // over UDP without EDNS the same answer is cut to 512 bytes with TC
      Message cut =
          DnsTestClient.udp(udp, DnsTestClient.query("_web._tcp.marathon.mesos.", Type.SRV));
      assertThat(cut.getHeader().getFlag(Flags.TC)).isTrue();
      assertThat(cut.getSection(Section.ADDITIONAL)).isEmpty();
      assertThat(cut.getSection(Section.ANSWER)).isNotEmpty().hasSizeLessThan(60);

      // dnsjava's resolver retries over TCP on TC and gets everything
      SimpleResolver resolver = new SimpleResolver(udp);
      resolver.setTimeout(Duration.ofSeconds(3));
      Message full = resolver.send(DnsTestClient.query("_web._tcp.marathon.mesos.", Type.SRV));
      assertThat(full.getSection(Section.ANSWER)).hasSize(60);

      Message a = DnsTestClient.udp(udp, DnsTestClient.queryA("web.marathon.mesos."));
      assertThat(a.getSection(Section.ANSWER)).hasSize(1);
      assertThat(a.getSection(Section.ANSWER).get(0).getName())
          .isEqualTo(Name.fromString("web.marathon.mesos."));
      // A owners are the normalised name on the wire, whatever the query's case
      Message mixed = DnsTestClient.udp(udp, DnsTestClient.queryA("WEB.*.Marathon.MESOS."));
      assertThat(mixed.getQuestion().getName().toString()).isEqualTo("WEB.*.Marathon.MESOS.");
      assertThat(mixed.getSection(Section.ANSWER).get(0).getName().toString())
          .isEqualTo("web.marathon.mesos.");
      Message upper = DnsTestClient.udp(udp, DnsTestClient.queryA("WEB.MARATHON.MESOS."));
      assertThat(upper.getSection(Section.ANSWER).get(0).getName().toString())
          .isEqualTo("web.marathon.mesos.");
      assertThat(DnsTestClient.udp(udp, DnsTestClient.queryA("example.com.")).getRcode())
          .isEqualTo(Rcode.REFUSED);
    }
  }
}
