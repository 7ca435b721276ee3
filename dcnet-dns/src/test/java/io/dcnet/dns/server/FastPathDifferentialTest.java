package io.dcnet.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.dns.mesos.AuthorityView;
import io.dcnet.dns.mesos.MesosAuthority;
import io.dcnet.dns.records.RecordSet;
import io.dcnet.dns.records.SoaSettings;
import io.dcnet.dns.zone.ZoneRouter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The fast path ({@link FastAnswerer} on {@link ZoneRouter} and {@link MesosAuthority}) against the
 * regular path, through two {@link QueryProcessor}s: one whose handler is the router (fast path
 * first), one whose handler hides it (dnsjava parse, {@link MesosAuthority#answer}, {@link
 * ResponseTruncator}). For every name of the upstream fixture's records (plus large synthetic sets
 * and missing names), many types, with and without EDNS0, UDP and TCP, lower and mixed case, the
 * parsed replies must be equal: header flags, rcode, every section as a multiset (owners with their
 * case, TTLs, data); and no reply may exceed its size limit.
 */
class FastPathDifferentialTest {
  static final SoaSettings SOA =
      new SoaSettings("mesos", "ns1.mesos.", "root.ns1.mesos.", 60, 61, 600, 86400);
  static final int[] TYPES = {
    Type.A, Type.AAAA, Type.SRV, Type.SOA, Type.NS, Type.ANY, Type.TXT, Type.MX, Type.CNAME
  };
  static final int[] EDNS = {-1, 512, 1232, 4096, 65535};

  /** The fixture's records (Mesos-DNS golden TSV) plus big sets that cannot fit 512 bytes. */
  static RecordSet fixtureRecords() throws IOException {
    RecordSet.Builder b = RecordSet.builder();
    String resource = "/io/dcnet/dns/mesos/default-rfc1123.tsv";
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    FastPathDifferentialTest.class.getResourceAsStream(resource)),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        switch (f[1]) {
          case "A" -> b.addA(f[0], f[2]);
          case "AAAA" -> b.addAaaa(f[0], f[2]);
          case "SRV" -> b.addSrv(f[0], f[2]);
          default -> throw new IllegalArgumentException("type: " + f[1]);
        }
      }
    }
    for (int i = 0; i < 60; i++) {
      b.addA("many.marathon.mesos.", "10.1." + (i / 250) + "." + (i % 250 + 1));
      String target = "many-" + i + ".marathon.slave.mesos.";
      b.addA(target, "10.2.0." + (i + 1));
      b.addAaaa(target, "fd00::" + Integer.toHexString(i + 1));
      b.addSrv("_many._tcp.marathon.mesos.", target + ":" + (31000 + i));
      b.addSrv("_many._tcp.marathon.mesos.", target + ":" + (32000 + i));
    }
    b.addA("bad.marathon.mesos.", "not-an-ip"); // skipped by both paths: NODATA
    b.addSrv("_bad._tcp.marathon.mesos.", "no-port-here");
    return b.build();
  }

  record Pair(QueryProcessor fast, QueryProcessor regular, MesosAuthority authority) {}

  static Pair processors(AtomicReference<AuthorityView> view) {
    MesosAuthority authority = new MesosAuthority(view::get, 1, true);
    DnsQueryHandler outside =
        q -> CompletableFuture.completedFuture(DnsReplies.servFail(q.message()));
    ZoneRouter router = new ZoneRouter(Map.of("mesos.", authority), outside, Map.of());
    DnsQueryHandler hidden = router::handle; // not a FastAnswerer: always the regular path
    DnsServerOptions options = DnsServerOptions.defaults();
    return new Pair(
        new QueryProcessor(router, options, DnsServerStats.create(), null),
        new QueryProcessor(hidden, options, DnsServerStats.create(), null),
        authority);
  }

  static byte[] run(QueryProcessor p, byte[] wire, DnsProtocol protocol) {
    AtomicReference<byte[]> out = new AtomicReference<>();
    p.process(wire.clone(), protocol, null, null, out::set);
    return out.get();
  }

  static byte[] query(String name, int type, int edns, int id, boolean cd) throws IOException {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name), type, 1));
    q.getHeader().setID(id);
    if (cd) {
      q.getHeader().setFlag(Flags.CD);
    }
    if (id % 3 == 0) {
      q.getHeader().unsetFlag(Flags.RD);
    }
    if (edns >= 0) {
      q.addRecord(new OPTRecord(edns, 0, 0), Section.ADDITIONAL);
    }
    return q.toWire();
  }

  static String mixedCase(String name) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      s.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
    }
    return s.toString();
  }

  static List<String> section(Message m, int section) {
    return m.getSection(section).stream().map(Record::toString).sorted().toList();
  }

  static void assertSameReply(byte[] fast, byte[] regular, Message full, int limit, String what)
      throws IOException {
    assertThat(fast).as(what).isNotNull();
    assertThat(regular).as(what).isNotNull();
    assertThat(fast.length).as(what + " size").isLessThanOrEqualTo(limit);
    assertThat(regular.length).as(what + " size").isLessThanOrEqualTo(limit);
    Message f = new Message(fast);
    Message r = new Message(regular);
    assertThat(f.getHeader().getID()).as(what).isEqualTo(r.getHeader().getID());
    assertThat(f.getHeader().getOpcode()).as(what).isEqualTo(r.getHeader().getOpcode());
    assertThat(f.getRcode()).as(what + " rcode").isEqualTo(r.getRcode());
    for (int flag :
        new int[] {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD}) {
      assertThat(f.getHeader().getFlag(flag))
          .as(what + " flag " + flag)
          .isEqualTo(r.getHeader().getFlag(flag));
    }
    for (int s :
        new int[] {Section.QUESTION, Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      if (r.getHeader().getFlag(Flags.TC)) {
        // Truncated (by the regular path in both): a random subset of the shuffled answers.
        assertThat(section(f, s)).as(what + " section " + s).hasSameSizeAs(section(r, s));
        assertThat(section(full, s)).as(what + " section " + s).containsAll(section(f, s));
      } else {
        assertThat(section(f, s)).as(what + " section " + s).isEqualTo(section(r, s));
      }
    }
  }

  @Test
  void fastRepliesEqualRegularRepliesForEveryNameTypeSizeAndCase() throws IOException {
    AtomicReference<AuthorityView> view =
        new AtomicReference<>(new AuthorityView(fixtureRecords(), 1700000000L, SOA));
    Pair p = processors(view);
    RecordSet rs = view.get().records();
    Set<String> names = new LinkedHashSet<>();
    names.addAll(rs.a().keySet());
    names.addAll(rs.aaaa().keySet());
    names.addAll(rs.srv().keySet());
    names.addAll(
        List.of(
            "mesos.", "no-such-task.marathon.mesos.", "_x._tcp.marathon.mesos.", "example.org."));
    int id = 1;
    int compared = 0;
    int fastAnswered = 0;
    for (String name : names) {
      List<String> forms = new ArrayList<>(List.of(name, mixedCase(name)));
      if (name.indexOf('.') < name.length() - 1) {
        forms.add(name.replaceFirst("\\.", ".*.")); // Mesos-DNS strips ".*"
      }
      for (String form : forms) {
        for (int type : TYPES) {
          for (int edns : EDNS) {
            for (DnsProtocol protocol : DnsProtocol.values()) {
              byte[] wire = query(form, type, edns, id++ & 0xFFFF, id % 5 == 0);
              WireQuestion q = WireQuestion.parse(wire);
              int limit = q != null ? q.sizeLimit(protocol) : -1;
              if (q != null && p.authority().fastAnswer(q, limit) != null) {
                fastAnswered++;
              }
              byte[] fast = run(p.fast(), wire, protocol);
              byte[] regular = run(p.regular(), wire, protocol);
              int expectedLimit =
                  protocol == DnsProtocol.TCP ? 65535 : edns < 0 ? 512 : Math.max(512, edns);
              String what = form + " " + Type.string(type) + " edns=" + edns + " " + protocol;
              Message full =
                  new Message(run(p.regular(), query(form, type, -1, 1, false), DnsProtocol.TCP));
              assertSameReply(fast, regular, full, expectedLimit, what);
              compared++;
            }
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(10_000);
    // The plain lower-case forms (about a third of all) mostly take the fast path.
    assertThat(fastAnswered).isGreaterThan(compared / 5);
  }

  @Test
  void plainLowerCaseQueriesTakeTheFastPathAndLargeOnesFallBack() throws IOException {
    AtomicReference<AuthorityView> view =
        new AtomicReference<>(new AuthorityView(fixtureRecords(), 1700000000L, SOA));
    MesosAuthority authority = processors(view).authority();
    for (int type : new int[] {Type.A, Type.AAAA, Type.SRV, Type.SOA, Type.NS, Type.TXT}) {
      WireQuestion q =
          WireQuestion.parse(query("liquor-store.marathon.mesos.", type, -1, 7, false));
      assertThat(authority.fastAnswer(q, 512)).as(Type.string(type)).isNotNull();
    }
    WireQuestion missing = WireQuestion.parse(query("gone.marathon.mesos.", Type.A, -1, 7, false));
    assertThat(new Message(authority.fastAnswer(missing, 512)).getRcode()).isEqualTo(3);
    WireQuestion any = WireQuestion.parse(query("leader.mesos.", Type.ANY, -1, 7, false));
    assertThat(authority.fastAnswer(any, 512)).isNull();
    WireQuestion big =
        WireQuestion.parse(query("_many._tcp.marathon.mesos.", Type.SRV, -1, 7, false));
    assertThat(authority.fastAnswer(big, 512)).isNull(); // regular path truncates
    assertThat(authority.fastAnswer(big, 65535)).isNotNull();
  }

  @Test
  void aNewViewIsServedAtOnce() throws IOException {
    RecordSet one = RecordSet.builder().build();
    RecordSet.Builder b = RecordSet.builder();
    b.addA("web.marathon.mesos.", "10.9.9.9");
    AtomicReference<AuthorityView> view = new AtomicReference<>(new AuthorityView(one, 1, SOA));
    Pair p = processors(view);
    byte[] wire = query("web.marathon.mesos.", Type.A, -1, 1, false);
    assertThat(new Message(run(p.fast(), wire, DnsProtocol.UDP)).getRcode()).isEqualTo(3);
    view.set(new AuthorityView(b.build(), 2, SOA));
    assertThat(p.authority().prepare(view.get())).isEqualTo(3); // A, AAAA, SRV of the one name
    Message r = new Message(run(p.fast(), wire, DnsProtocol.UDP));
    assertThat(r.getRcode()).isZero();
    assertThat(
            r.getSection(Section.ANSWER).stream()
                .map(Record::rdataToString)
                .collect(Collectors.toList()))
        .containsExactly("10.9.9.9");
    view.set(null);
    assertThat(new Message(run(p.fast(), wire, DnsProtocol.UDP)).getRcode()).isEqualTo(2);
  }
}
