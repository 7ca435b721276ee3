package io.dcnet.nodedns.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.nodedns.config.LoadBalance;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class InternalAuthorityTest {
  private static final String ZONE = "mesos.thisdcos.directory";

  private final AtomicReference<Map<String, DnsZone>> pushed =
      new AtomicReference<>(
          Map.of(
              ZONE,
              new DnsZone(
                  ZONE,
                  Map.of(
                      "_web._tcp.marathon.mesos.thisdcos.directory",
                      List.of(
                          new ZoneRecord.Srv(3, 7, 8080, "web.marathon.mesos.thisdcos.directory")),
                      "web.marathon.mesos.thisdcos.directory",
                      List.of(new ZoneRecord.A("10.0.0.1"), new ZoneRecord.Aaaa("fd01::1"))))));
  private final AtomicReference<List<String>> masters = new AtomicReference<>(List.of("10.1.0.1"));
  private final InternalAuthority authority =
      new InternalAuthority(new NodeZones(pushed::get, Map.of(), masters::get), LoadBalance.NONE);

  private Message ask(String name, int type) {
    Name n = Name.fromConstantString(name + ".");
    Message q = Message.newQuery(Record.newRecord(n, type, DClass.IN));
    return authority.answer(q, n);
  }

  @Test
  void srvKeepsPriorityAndWeight() {
    Message r = ask("_web._tcp.marathon.mesos.thisdcos.directory", Type.SRV);
    SRVRecord srv = (SRVRecord) r.getSection(Section.ANSWER).get(0);
    assertThat(srv.getPriority()).isEqualTo(3);
    assertThat(srv.getWeight()).isEqualTo(7);
    assertThat(srv.getPort()).isEqualTo(8080);
    assertThat(srv.getTTL()).isEqualTo(5);
    assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
  }

  @Test
  void aaaaAndNodata() {
    Message aaaa = ask("web.marathon.mesos.thisdcos.directory", Type.AAAA);
    assertThat(((AAAARecord) aaaa.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress())
        .isEqualTo("fd01:0:0:0:0:0:0:1");
    Message nodata = ask("web.marathon.mesos.thisdcos.directory", Type.TXT);
    assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
    assertThat(nodata.getSection(Section.AUTHORITY).get(0)).isInstanceOf(SOARecord.class);
    Message ent = ask("marathon.mesos.thisdcos.directory", Type.A);
    assertThat(ent.getRcode()).isEqualTo(Rcode.NOERROR);
    Message nx = ask("nope.marathon.mesos.thisdcos.directory", Type.A);
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void apexNsAndSoa() {
    NSRecord ns = (NSRecord) ask(ZONE, Type.NS).getSection(Section.ANSWER).get(0);
    assertThat(ns.getTarget().toString()).isEqualTo("ns.spartan.");
    assertThat(ns.getTTL()).isEqualTo(3600);
    SOARecord soa = (SOARecord) ask(ZONE, Type.SOA).getSection(Section.ANSWER).get(0);
    assertThat(soa.getTTL()).isEqualTo(5);
    assertThat(soa.getHost().toString()).isEqualTo("ns.spartan.");
    assertThat(soa.getAdmin().toString()).isEqualTo("support.mesosphere.com.");
    assertThat(
            List.of(
                soa.getSerial(),
                soa.getRefresh(),
                soa.getRetry(),
                soa.getExpire(),
                soa.getMinimum()))
        .containsExactly(1L, 60L, 180L, 86400L, 1L);
  }

  @Test
  void zkRoundRobinOverMasters() {
    masters.set(List.of("10.1.0.1", "10.1.0.2", "10.1.0.3"));
    assertThat(ask("zk-1.zk", Type.A).getSection(Section.ANSWER).get(0).rdataToString())
        .isEqualTo("10.1.0.1");
    assertThat(ask("zk-3.zk", Type.A).getSection(Section.ANSWER).get(0).rdataToString())
        .isEqualTo("10.1.0.3");
    assertThat(ask("zk-4.zk", Type.A).getSection(Section.ANSWER).get(0).rdataToString())
        .isEqualTo("10.1.0.1");
    masters.set(List.of());
    assertThat(ask("zk-1.zk", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void zoneSwapIsSeen() {
    assertThat(ask("new.dcos.thisdcos.directory", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    pushed.set(
        Map.of(
            "dcos.thisdcos.directory",
            new DnsZone(
                "dcos.thisdcos.directory",
                Map.of("new.dcos.thisdcos.directory", List.of(new ZoneRecord.A("10.2.0.1"))))));
    assertThat(ask("new.dcos.thisdcos.directory", Type.A).getSection(Section.ANSWER)).hasSize(1);
    assertThat(ask("web.marathon.mesos.thisdcos.directory", Type.A).getRcode())
        .isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void cnameLoopStops() {
    pushed.set(
        Map.of(
            "x.thisdcos.directory",
            new DnsZone(
                "x.thisdcos.directory",
                Map.of(
                    "a.x.thisdcos.directory",
                        List.of(new ZoneRecord.Cname("b.x.thisdcos.directory")),
                    "b.x.thisdcos.directory",
                        List.of(new ZoneRecord.Cname("a.x.thisdcos.directory"))))));
    assertThat(ask("a.x.thisdcos.directory", Type.A).getSection(Section.ANSWER)).hasSize(2);
    assertThat(ask("a.x.thisdcos.directory", Type.CNAME).getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void roundRobinRotatesByMessageId() {
    List<Record> in =
        List.of(
            ask("ready.spartan", Type.A).getSection(Section.ANSWER).get(0),
            ask("ns.spartan", Type.A).getSection(Section.ANSWER).get(0),
            ask("localhost", Type.A).getSection(Section.ANSWER).get(0));
    assertThat(AnswerOrder.apply(in, LoadBalance.ROUND_ROBIN, 4))
        .containsExactly(in.get(1), in.get(2), in.get(0));
    assertThat(AnswerOrder.apply(in, LoadBalance.NONE, 4)).containsExactlyElementsOf(in);
    assertThat(AnswerOrder.apply(in, LoadBalance.RANDOM, 4))
        .containsExactlyInAnyOrderElementsOf(in);
  }
}
