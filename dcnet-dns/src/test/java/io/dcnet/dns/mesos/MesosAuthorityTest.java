package io.dcnet.dns.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.dns.records.RecordSet;
import io.dcnet.dns.records.SoaSettings;
import io.dcnet.dns.server.DnsProtocol;
import io.dcnet.dns.server.DnsQuery;
import io.dcnet.dns.server.DnsTestClient;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class MesosAuthorityTest {
  static final SoaSettings SOA =
      new SoaSettings("mesos", "ns1.mesos.", "root.ns1.mesos.", 60, 61, 600, 86400);
  static final String S1 = "web-abc-s1.marathon.slave.mesos.";
  static final String S2 = "web-def-s2.marathon.slave.mesos.";

  static RecordSet records() {
    RecordSet.Builder b = RecordSet.builder();
    b.addA("web.marathon.mesos.", "10.0.0.1");
    b.addA("web.marathon.mesos.", "10.0.0.2");
    b.addA(S1, "10.0.1.1");
    b.addA(S1, "10.0.1.2");
    b.addAaaa(S1, "fd00::11");
    b.addAaaa(S1, "fd00::12");
    b.addAaaa("v6only.marathon.mesos.", "fd00::1");
    b.addA("ns1.mesos.", "127.0.0.1");
    b.addSrv("_web._tcp.marathon.mesos.", S1 + ":31000");
    b.addSrv("_web._tcp.marathon.mesos.", S1 + ":31001");
    b.addSrv("_web._tcp.marathon.mesos.", S2 + ":31002");
    return b.build();
  }

  static MesosAuthority authority() {
    return new MesosAuthority(() -> new AuthorityView(records(), 1700000000L, SOA), 7, true);
  }

  static Message ask(MesosAuthority auth, String name, int type) {
    return auth.handle(DnsQuery.detached(DnsTestClient.query(name, type), DnsProtocol.UDP))
        .toCompletableFuture()
        .join();
  }

  static List<Record> section(Message m, int section) {
    return m.getSection(section);
  }

  @Test
  void aAnswersUseTheNormalisedOwnerAndTheHeaderRules() {
    Message q = DnsTestClient.query("WEB.*.Marathon.MESOS.", Type.A);
    q.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    Message r = authority().answer(q);
    assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
    assertThat(r.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(r.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(r.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(r.getOPT()).isNull();
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    List<Record> answers = section(r, Section.ANSWER);
    assertThat(answers).hasSize(2).allMatch(a -> a instanceof ARecord && a.getTTL() == 60);
    assertThat(answers).allMatch(a -> a.getName().toString().equals("web.marathon.mesos."));
    assertThat(answers.stream().map(a -> ((ARecord) a).getAddress().getHostAddress()))
        .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    assertThat(section(r, Section.AUTHORITY)).isEmpty();
  }

  @Test
  void srvKeepsTheQueryCaseAndAddsFirstAddressesOfEachTarget() {
    Message r = ask(authority(), "_WEB._tcp.Marathon.mesos.", Type.SRV);
    List<Record> answers = section(r, Section.ANSWER);
    assertThat(answers).hasSize(3);
    for (Record a : answers) {
      SRVRecord srv = (SRVRecord) a;
      assertThat(srv.getName().toString()).isEqualTo("_WEB._tcp.Marathon.mesos.");
      assertThat(srv.getPriority()).isZero();
      assertThat(srv.getWeight()).isEqualTo(7);
      assertThat(srv.getTTL()).isEqualTo(60);
    }
    assertThat(answers.stream().map(a -> ((SRVRecord) a).getPort()))
        .containsExactlyInAnyOrder(31000, 31001, 31002);
    List<Record> extra = section(r, Section.ADDITIONAL);
    assertThat(extra).hasSize(2);
    assertThat(extra.get(0)).isInstanceOf(ARecord.class);
    assertThat(((ARecord) extra.get(0)).getAddress().getHostAddress()).isEqualTo("10.0.1.1");
    assertThat(extra.get(0).getName().toString()).isEqualTo(S1);
    assertThat(((AAAARecord) extra.get(1)).getAddress().getHostAddress())
        .isEqualTo("fd00:0:0:0:0:0:0:11");
  }

  @Test
  void soaAndNsGoInTheAuthoritySectionOwnedByTheQueryName() {
    for (String name : List.of("mesos.", "nothing.here.mesos.", "Web.Marathon.mesos.")) {
      Message soa = ask(authority(), name, Type.SOA);
      assertThat(soa.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(section(soa, Section.ANSWER)).isEmpty();
      assertThat(section(soa, Section.AUTHORITY)).hasSize(1);
      SOARecord s = (SOARecord) section(soa, Section.AUTHORITY).get(0);
      assertThat(s.getName().toString()).isEqualTo(name);
      assertThat(s.getHost().toString()).isEqualTo("ns1.mesos.");
      assertThat(s.getAdmin().toString()).isEqualTo("root.ns1.mesos.");
      assertThat(s.getSerial()).isEqualTo(1700000000L);
      assertThat(s.getRefresh()).isEqualTo(61);
      assertThat(s.getRetry()).isEqualTo(600);
      assertThat(s.getExpire()).isEqualTo(86400);
      assertThat(s.getMinimum()).isEqualTo(60);
      assertThat(s.getTTL()).isEqualTo(60);

      Message ns = ask(authority(), name, Type.NS);
      assertThat(ns.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(section(ns, Section.ANSWER)).isEmpty();
      NSRecord n = (NSRecord) section(ns, Section.AUTHORITY).get(0);
      assertThat(n.getName().toString()).isEqualTo(name);
      assertThat(n.getTarget().toString()).isEqualTo("ns1.mesos.");
      assertThat(section(ns, Section.AUTHORITY)).hasSize(1);
    }
  }

  @Test
  void anyGivesSrvAAndAaaaWithSoaAndNsInAuthority() {
    Message r = ask(authority(), S1, Type.ANY);
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(section(r, Section.ANSWER).stream().map(Record::getType))
        .containsExactlyInAnyOrder(Type.A, Type.A, Type.AAAA, Type.AAAA);
    assertThat(section(r, Section.AUTHORITY).stream().map(Record::getType))
        .containsExactly(Type.SOA, Type.NS);
  }

  @Test
  void anyOnAMissingNameIsNxdomainWithSoaNsSoa() {
    Message r = ask(authority(), "missing.mesos.", Type.ANY);
    assertThat(r.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(section(r, Section.ANSWER)).isEmpty();
    assertThat(section(r, Section.AUTHORITY).stream().map(Record::getType))
        .containsExactly(Type.SOA, Type.NS, Type.SOA);
  }

  @Test
  void emptyAnswerRules() {
    Message srv = ask(authority(), "_missing._tcp.marathon.mesos.", Type.SRV);
    assertThat(srv.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(section(srv, Section.AUTHORITY)).isEmpty();
    assertThat(section(srv, Section.ADDITIONAL)).isEmpty();

    Message nodata = ask(authority(), "web.marathon.mesos.", Type.AAAA);
    assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(section(nodata, Section.AUTHORITY).stream().map(Record::getType))
        .containsExactly(Type.SOA);

    Message srvOnlyName = ask(authority(), "_web._tcp.marathon.mesos.", Type.A);
    assertThat(srvOnlyName.getRcode()).isEqualTo(Rcode.NOERROR);

    Message txt = ask(authority(), "web.marathon.mesos.", Type.TXT);
    assertThat(txt.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(section(txt, Section.ANSWER)).isEmpty();

    Message missing = ask(authority(), "nope.marathon.mesos.", Type.MX);
    assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(section(missing, Section.AUTHORITY).stream().map(Record::getType))
        .containsExactly(Type.SOA);

    Message apex = ask(authority(), "mesos.", Type.A);
    assertThat(apex.getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void onlyTheFirstQuestionIsAnsweredAndCopied() {
    Message q = DnsTestClient.query("web.marathon.mesos.", Type.A);
    q.addRecord(
        DnsTestClient.query("v6only.marathon.mesos.", Type.AAAA).getQuestion(), Section.QUESTION);
    Message r = authority().answer(q);
    assertThat(section(r, Section.QUESTION)).hasSize(1);
    assertThat(section(r, Section.ANSWER)).hasSize(2).allMatch(a -> a.getType() == Type.A);
  }

  @Test
  void recurseOffClearsRa() {
    MesosAuthority auth = new MesosAuthority(() -> new AuthorityView(records(), 1, SOA), 1, false);
    assertThat(ask(auth, "web.marathon.mesos.", Type.A).getHeader().getFlag(Flags.RA)).isFalse();
  }

  @Test
  void answersAreShuffledPerQuery() {
    RecordSet.Builder b = RecordSet.builder();
    for (int i = 1; i <= 8; i++) {
      b.addA("many.mesos.", "10.9.0." + i);
    }
    RecordSet rs = b.build();
    MesosAuthority auth = new MesosAuthority(() -> new AuthorityView(rs, 1, SOA), 1, true);
    Set<String> firsts = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Record first = section(ask(auth, "many.mesos.", Type.A), Section.ANSWER).get(0);
      firsts.add(((ARecord) first).getAddress().getHostAddress());
    }
    assertThat(firsts).hasSizeGreaterThan(3);
  }

  @Test
  void aRefreshSwapsRecordsAndSerialAtomically() {
    AtomicReference<AuthorityView> current =
        new AtomicReference<>(new AuthorityView(records(), 100, SOA));
    MesosAuthority auth = new MesosAuthority(current::get, 1, true);
    assertThat(section(ask(auth, "web.marathon.mesos.", Type.A), Section.ANSWER)).hasSize(2);
    RecordSet next = RecordSet.builder().build();
    current.set(new AuthorityView(next, 200, SOA));
    Message r = ask(auth, "web.marathon.mesos.", Type.A);
    assertThat(r.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(((SOARecord) section(r, Section.AUTHORITY).get(0)).getSerial()).isEqualTo(200);
  }

  @Test
  void notReadyIsServfailAndBadStoredValuesAreSkipped() {
    MesosAuthority notReady = new MesosAuthority(() -> null, 1, true);
    assertThat(ask(notReady, "web.marathon.mesos.", Type.A).getRcode()).isEqualTo(Rcode.SERVFAIL);
    RecordSet.Builder b = RecordSet.builder();
    b.addA("odd.mesos.", "not-an-ip.example");
    b.addA("odd.mesos.", "10.1.1.1");
    b.addSrv("_odd._tcp.mesos.", "no-port");
    b.addSrv("_odd._tcp.mesos.", "odd.mesos.:80");
    RecordSet rs = b.build();
    MesosAuthority auth = new MesosAuthority(() -> new AuthorityView(rs, 1, SOA), 1, true);
    assertThat(section(ask(auth, "odd.mesos.", Type.A), Section.ANSWER)).hasSize(1);
    assertThat(section(ask(auth, "_odd._tcp.mesos.", Type.SRV), Section.ANSWER)).hasSize(1);
  }
}
