package io.dcnet.nodedns.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.dns.server.ResponseTruncator;
import io.dcnet.dns.server.WireQuestion;
import io.dcnet.nodedns.config.LoadBalance;
import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.nodedns.forward.ForwarderMetrics;
import io.dcnet.nodedns.route.NodeDnsRouter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The fast path ({@link InternalAuthority#fastAnswer}) gives the regular path's bytes. */
class InternalFastPathTest {
  private static final String DCOS = "dcos.thisdcos.directory";
  private static final String MESOS = "mesos.thisdcos.directory";
  private static final String CUSTOM = "component.thisdcos.directory";

  private final AtomicReference<Map<String, DnsZone>> pushed =
      new AtomicReference<>(zones("10.0.0.9"));

  private static Map<String, DnsZone> zones(String webIp) {
    return Map.of(
        DCOS,
        new DnsZone(
            DCOS,
            Map.of(
                "web.marathon.agentip." + DCOS, List.of(new ZoneRecord.A(webIp)),
                "db.marathon.autoip." + DCOS,
                    List.of(new ZoneRecord.A("10.0.1.1"), new ZoneRecord.Aaaa("fd01::1")),
                "many.marathon.autoip." + DCOS,
                    List.of(
                        new ZoneRecord.A("10.0.2.1"),
                        new ZoneRecord.A("10.0.2.2"),
                        new ZoneRecord.A("10.0.2.3"),
                        new ZoneRecord.A("10.0.2.4")),
                "two.marathon.autoip." + DCOS,
                    List.of(new ZoneRecord.A("10.0.3.1"), new ZoneRecord.A("10.0.3.2")))),
        MESOS,
        new DnsZone(
            MESOS,
            Map.of(
                "_web._tcp.marathon." + MESOS,
                List.of(
                    new ZoneRecord.Srv(1, 1, 31000, "web-a.marathon.slave." + MESOS),
                    new ZoneRecord.Srv(1, 1, 31001, "web-b.marathon.slave." + MESOS)))),
        CUSTOM,
        new DnsZone(
            CUSTOM,
            Map.of(
                "registry." + CUSTOM,
                List.of(new ZoneRecord.Cname("many.marathon.autoip." + DCOS)))));
  }

  private InternalAuthority authority(LoadBalance policy) {
    return new InternalAuthority(new NodeZones(pushed::get, Map.of(), () -> List.of()), policy);
  }

  private static byte[] query(String name, int type, int id, boolean rd, boolean edns) {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString(name + "."), type, 1));
    q.getHeader().setID(id);
    if (!rd) {
      q.getHeader().unsetFlag(Flags.RD);
    } else {
      q.getHeader().setFlag(Flags.CD);
    }
    if (edns) {
      q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    }
    return q.toWire();
  }

  /** What {@code DnsServer}'s regular path sends for {@code wire} (no truncation needed). */
  private static byte[] regular(InternalAuthority a, byte[] wire) throws Exception {
    Message request = new Message(wire);
    Message reply = a.answer(request, request.getQuestion().getName());
    return ResponseTruncator.fit(reply, ResponseTruncator.TCP_LIMIT, true).wire();
  }

  private static byte[] fast(InternalAuthority a, byte[] wire, int limit) {
    WireQuestion q = WireQuestion.parse(wire);
    assertThat(q).isNotNull();
    return a.fastAnswer(q, limit);
  }

  @Test
  void sameBytesAsTheRegularPathForEveryShape() throws Exception {
    for (LoadBalance policy : List.of(LoadBalance.ROUND_ROBIN, LoadBalance.NONE)) {
      InternalAuthority a = authority(policy);
      List<String[]> cases =
          List.of(
              new String[] {"web.marathon.agentip." + DCOS, "A"},
              new String[] {"web.marathon.agentip." + DCOS, "AAAA"}, // NODATA
              new String[] {"db.marathon.autoip." + DCOS, "AAAA"},
              new String[] {"many.marathon.autoip." + DCOS, "A"},
              new String[] {"two.marathon.autoip." + DCOS, "A"},
              new String[] {"_web._tcp.marathon." + MESOS, "SRV"},
              new String[] {"registry." + CUSTOM, "A"}, // CNAME chain, then rotated A records
              new String[] {"nothere.marathon.agentip." + DCOS, "A"}, // NXDOMAIN
              new String[] {"marathon.agentip." + DCOS, "A"}, // empty non-terminal
              new String[] {"ready.spartan", "A"});
      for (String[] c : cases) {
        for (int id : new int[] {0, 1, 2, 3, 7, 65535}) {
          for (boolean rd : new boolean[] {true, false}) {
            for (boolean edns : new boolean[] {true, false}) {
              byte[] wire = query(c[0], Type.value(c[1]), id, rd, edns);
              assertThat(fast(a, wire, 512))
                  .as("%s %s id %d rd %s edns %s %s", c[0], c[1], id, rd, edns, policy)
                  .isEqualTo(regular(a, wire));
            }
          }
        }
      }
    }
  }

  @Test
  void onlyExistingNamesAreKept() throws Exception {
    InternalAuthority a = authority(LoadBalance.ROUND_ROBIN);
    for (int i = 0; i < 50; i++) {
      byte[] wire = query("missing-" + i + ".marathon.agentip." + DCOS, Type.A, i, true, false);
      assertThat(new Message(fast(a, wire, 512)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }
    byte[] wire = query("web.marathon.agentip." + DCOS, Type.A, 5, true, false);
    fast(a, wire, 512);
    fast(a, wire, 512);
    assertThat(a.cachedReplies()).isEqualTo(1);
  }

  @Test
  void aZoneSwapIsSeenAtOnce() throws Exception {
    InternalAuthority a = authority(LoadBalance.ROUND_ROBIN);
    byte[] wire = query("web.marathon.agentip." + DCOS, Type.A, 9, true, false);
    assertThat(new Message(fast(a, wire, 512)).getSection(Section.ANSWER).get(0).rdataToString())
        .isEqualTo("10.0.0.9");
    pushed.set(zones("10.0.0.10"));
    assertThat(new Message(fast(a, wire, 512)).getSection(Section.ANSWER).get(0).rdataToString())
        .isEqualTo("10.0.0.10");
  }

  @Test
  void tooBigRepliesAndOtherTypesTakeTheRegularPath() {
    InternalAuthority a = authority(LoadBalance.ROUND_ROBIN);
    byte[] wire = query("many.marathon.autoip." + DCOS, Type.A, 1, true, false);
    assertThat(fast(a, wire, 40)).isNull();
    assertThat(fast(a, wire, 512)).isNotNull();
    assertThat(fast(a, query("web.marathon.agentip." + DCOS, Type.TXT, 1, true, false), 512))
        .isNull();
    assertThat(fast(a, query(DCOS, Type.SOA, 1, true, false), 512)).isNull();
  }

  @Test
  void randomRotatesTwoAnswersAndLeavesMoreToTheRegularPath() throws Exception {
    InternalAuthority a = authority(LoadBalance.RANDOM);
    Set<String> firsts = new HashSet<>();
    for (int i = 0; i < 64; i++) {
      byte[] wire = query("two.marathon.autoip." + DCOS, Type.A, 3, true, false);
      Message m = new Message(fast(a, wire, 512));
      assertThat(m.getSection(Section.ANSWER)).hasSize(2);
      firsts.add(m.getSection(Section.ANSWER).get(0).rdataToString());
    }
    assertThat(firsts).containsExactlyInAnyOrder("10.0.3.1", "10.0.3.2");
    assertThat(fast(a, query("many.marathon.autoip." + DCOS, Type.A, 3, true, false), 512))
        .isNull();
  }

  @Test
  void theRouterUsesTheFastPathOnlyForUnrenamedInternalNames() {
    NodeDnsRouter router =
        NodeDnsRouter.create(
            NodeDnsConfig.defaults().withCryptoId("ybndrfg8"),
            pushed::get,
            List::of,
            List::of,
            new ForwarderMetrics());
    List<String> slow = new ArrayList<>();
    for (String n :
        List.of(
            "web.marathon.agentip.dcos.thisdcos.global",
            "a.dclb.thisdcos.directory",
            "web.marathon.agentip.dcos.ybndrfg8.dcos.directory",
            "leader.mesos",
            "www.example.com")) {
      if (router.fastAnswer(WireQuestion.parse(query(n, Type.A, 1, true, false)), 512) == null) {
        slow.add(n);
      }
    }
    assertThat(slow).hasSize(5);
    byte[] wire = query("web.marathon.agentip." + DCOS, Type.A, 1, true, false);
    assertThat(router.fastAnswer(WireQuestion.parse(wire), 512)).isNotNull();
  }
}
