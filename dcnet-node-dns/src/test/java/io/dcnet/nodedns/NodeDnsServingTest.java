package io.dcnet.nodedns;

import static io.dcnet.nodedns.testing.DnsClient.query;
import static io.dcnet.nodedns.testing.DnsClient.tcp;
import static io.dcnet.nodedns.testing.DnsClient.tcpPipelined;
import static io.dcnet.nodedns.testing.DnsClient.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.nodedns.config.LoadBalance;
import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.nodedns.testing.DnsClient;
import io.dcnet.nodedns.testing.FakeUpstream;
import io.dcnet.nodedns.testing.NodeDnsHarness;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * dcos_dns_handler_SUITE's internal groups (ready, thisnode, dcos, component, rename) over real
 * sockets.
 */
class NodeDnsServingTest {
  private static final String CRYPTO_ID = "ybndrfg8ejkmcpqxot1uwisza345h769";

  private FakeUpstream upstream;
  private NodeDnsHarness dns;

  @BeforeEach
  void start() throws Exception {
    upstream = FakeUpstream.answering("192.0.2.1");
    NodeDnsConfig config =
        NodeDnsHarness.config(List.of(upstream.address()))
            .withCryptoId(CRYPTO_ID)
            .withZones(Map.of("component.thisdcos.directory", componentZone()));
    dns = new NodeDnsHarness(config);
    dns.push(
        NodeDnsHarness.zoneWithA("dcos.thisdcos.directory", "master.dcos.thisdcos.directory", 5));
  }

  @AfterEach
  void stop() {
    dns.close();
    upstream.close();
  }

  static DnsZone componentZone() {
    return new DnsZone(
        "component.thisdcos.directory",
        Map.of(
            "registry.component.thisdcos.directory",
                List.of(new ZoneRecord.Cname("master.dcos.thisdcos.directory")),
            "c1.component.thisdcos.directory",
                List.of(new ZoneRecord.Cname("c2.component.thisdcos.directory")),
            "c2.component.thisdcos.directory",
                List.of(new ZoneRecord.Cname("c3.component.thisdcos.directory")),
            "c3.component.thisdcos.directory",
                List.of(new ZoneRecord.Cname("master.dcos.thisdcos.directory"))));
  }

  private static List<String> ips(Message m) {
    List<String> out = new ArrayList<>();
    for (Record r : m.getSection(Section.ANSWER)) {
      if (r instanceof ARecord a) {
        out.add(a.getAddress().getHostAddress());
      }
    }
    return out;
  }

  @Test
  void udpReady() throws Exception {
    Message r = udp(dns.address(), query("ready.spartan", Type.A));
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(ips(r)).containsExactly("127.0.0.1");
    assertThat(r.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(5);
  }

  @Test
  void tcpReady() throws Exception {
    assertThat(ips(tcp(dns.address(), query("ready.spartan", Type.A))))
        .containsExactly("127.0.0.1");
  }

  @Test
  void keepTcpReady() throws Exception {
    List<Message> replies =
        tcpPipelined(
            dns.address(),
            List.of(
                query("ready.spartan", Type.A, 1),
                query("ready.spartan", Type.A, 2),
                query("ready.spartan", Type.A, 3)));
    Set<Integer> ids = new HashSet<>();
    for (Message r : replies) {
      ids.add(r.getHeader().getID());
      assertThat(ips(r)).containsExactly("127.0.0.1");
    }
    assertThat(ids).containsExactlyInAnyOrder(1, 2, 3);
  }

  @Test
  void staticZones() throws Exception {
    assertThat(ips(udp(dns.address(), query("ns.spartan", Type.A))))
        .containsExactly("198.51.100.1");
    assertThat(ips(udp(dns.address(), query("localhost", Type.A)))).containsExactly("127.0.0.1");
    dns.masters.set(List.of("10.1.0.1", "10.1.0.2"));
    assertThat(ips(udp(dns.address(), query("zk-3.zk", Type.A)))).containsExactly("10.1.0.1");
    assertThat(ips(udp(dns.address(), query("zk-4.zk", Type.A)))).containsExactly("10.1.0.2");
  }

  @Test
  void addThisnode() throws Exception {
    String name = "thisnode.thisdcos.directory";
    Message before = udp(dns.address(), query(name, Type.A));
    assertThat(before.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(before.getSection(Section.AUTHORITY).get(0)).isInstanceOf(SOARecord.class);
    dns.push(DnsZone.empty(name));
    Message empty = udp(dns.address(), query(name, Type.A));
    assertThat(empty.getSection(Section.ANSWER)).isEmpty();
    dns.push(new DnsZone(name, Map.of(name, List.of(new ZoneRecord.A("10.0.7.7")))));
    assertThat(ips(udp(dns.address(), query(name, Type.A)))).containsExactly("10.0.7.7");
    assertThat(upstream.queries()).isZero();
  }

  @Test
  void unknownInternalNamesAreNeverForwarded() throws Exception {
    for (String name :
        List.of("x.nozone.thisdcos.directory", "nothing.spartan", "zk-9.zk", "foo.localhost")) {
      Message r = udp(dns.address(), query(name, Type.A));
      assertThat(r.getRcode()).as(name).isEqualTo(Rcode.NXDOMAIN);
      assertThat(r.getSection(Section.AUTHORITY)).as(name).hasSize(1);
    }
    assertThat(upstream.queries()).isZero();
  }

  @Test
  void tcpFallback() throws Exception {
    dns.push(
        NodeDnsHarness.zoneWithA("dcos.thisdcos.directory", "big.dcos.thisdcos.directory", 128));
    Message overUdp = udp(dns.address(), query("big.dcos.thisdcos.directory", Type.A));
    assertThat(overUdp.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(overUdp.getSection(Section.ANSWER).size()).isLessThan(128);
    Message overTcp = tcp(dns.address(), query("big.dcos.thisdcos.directory", Type.A));
    assertThat(overTcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(ips(overTcp)).hasSize(128).doesNotHaveDuplicates();
  }

  @Test
  void registry() throws Exception {
    Message r = udp(dns.address(), query("registry.component.thisdcos.directory", Type.A));
    List<Record> answers = r.getSection(Section.ANSWER);
    assertThat(answers).hasSize(6);
    assertThat(((CNAMERecord) answers.get(0)).getTarget().toString())
        .isEqualTo("master.dcos.thisdcos.directory.");
    assertThat(answers.subList(1, 6)).allMatch(a -> a instanceof ARecord);
    assertThat(answers.get(1).getName().toString()).isEqualTo("master.dcos.thisdcos.directory.");
  }

  @Test
  void cnames() throws Exception {
    Message r = udp(dns.address(), query("c1.component.thisdcos.directory", Type.A));
    List<Record> answers = r.getSection(Section.ANSWER);
    assertThat(answers).hasSize(8);
    assertThat(answers.subList(0, 3)).allMatch(a -> a instanceof CNAMERecord);
    assertThat(answers.get(0).getName().toString()).startsWith("c1.");
    assertThat(answers.get(1).getName().toString()).startsWith("c2.");
    assertThat(answers.get(2).getName().toString()).startsWith("c3.");
    assertThat(ips(r)).hasSize(5);
  }

  @Test
  void l4lbRename() throws Exception {
    String base = "app.marathon.l4lb.thisdcos.directory";
    assertThat(udp(dns.address(), query(base, Type.A)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    dns.push(
        new DnsZone(
            "l4lb.thisdcos.directory", Map.of(base, List.of(new ZoneRecord.A("11.0.0.7")))));
    for (String name :
        List.of(
            base,
            "app.marathon.l4lb.thisdcos.global",
            "app.marathon.dclb.thisdcos.directory",
            "app.marathon.dclb.thisdcos.global")) {
      Message r = udp(dns.address(), query(name, Type.A));
      assertThat(ips(r)).as(name).containsExactly("11.0.0.7");
      assertThat(r.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo(name + ".");
      assertThat(r.getQuestion().getName().toString()).isEqualTo(name + ".");
    }
  }

  @Test
  void globalRenameRewritesCnameTargets() throws Exception {
    Message r = udp(dns.address(), query("registry.component.thisdcos.global", Type.A));
    List<Record> answers = r.getSection(Section.ANSWER);
    assertThat(answers).hasSize(6);
    assertThat(answers.get(0).getName().toString())
        .isEqualTo("registry.component.thisdcos.global.");
    assertThat(((CNAMERecord) answers.get(0)).getTarget().toString())
        .isEqualTo("master.dcos.thisdcos.global.");
    assertThat(answers.get(1).getName().toString()).isEqualTo("master.dcos.thisdcos.global.");
  }

  @Test
  void dcosRename() throws Exception {
    dns.push(
        NodeDnsHarness.zoneWithA(
            "dcos.thisdcos.directory", "app.autoip.dcos.thisdcos.directory", 5));
    String name = "app.autoip.dcos." + CRYPTO_ID + ".dcos.directory";
    Message r = udp(dns.address(), query(name, Type.A));
    assertThat(ips(r)).hasSize(5);
    assertThat(r.getSection(Section.ANSWER))
        .allMatch(a -> a.getName().toString().equals(name + "."));
    Message nx =
        udp(dns.address(), query("nope.autoip.dcos." + CRYPTO_ID + ".dcos.directory", Type.A));
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(nx.getSection(Section.AUTHORITY).get(0).getName().toString())
        .isEqualTo("dcos." + CRYPTO_ID + ".dcos.directory.");
    // another cluster's id is not ours: forwarded
    Message other = udp(dns.address(), query("app.autoip.dcos.yyyy.dcos.directory", Type.A));
    assertThat(ips(other)).containsExactly("192.0.2.1");
  }

  @Test
  void garbageNeverTakesTheListenerDown() throws Exception {
    Random random = new Random(42);
    try (DatagramSocket s = new DatagramSocket()) {
      for (int i = 0; i < 300; i++) {
        byte[] junk = new byte[random.nextInt(600)];
        random.nextBytes(junk);
        s.send(new DatagramPacket(junk, junk.length, dns.address()));
      }
    }
    for (int i = 0; i < 5; i++) {
      try (Socket s = new Socket()) {
        s.connect(dns.server().tcpAddress(), 2000);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        byte[] junk = new byte[random.nextInt(300) + 1];
        random.nextBytes(junk);
        out.writeShort(junk.length);
        out.write(junk);
        out.write(junk, 0, junk.length / 2); // a broken frame, then hang up
        out.flush();
      }
    }
    assertThat(ips(udp(dns.address(), query("ready.spartan", Type.A))))
        .containsExactly("127.0.0.1");
    assertThat(ips(tcp(dns.address(), query("ready.spartan", Type.A))))
        .containsExactly("127.0.0.1");
  }

  @Test
  void loadBalancePolicies() throws Exception {
    List<String> zoneOrder =
        ips(DnsClient.udp(dns.address(), query("c3.component.thisdcos.directory", Type.A, 0)));
    assertThat(zoneOrder).hasSize(5);
    // round robin (the default): rotation by id mod n, same set, CNAMEs first
    for (int id = 0; id < 5; id++) {
      Message r = udp(dns.address(), query("c1.component.thisdcos.directory", Type.A, id));
      assertThat(ips(r)).containsExactlyInAnyOrderElementsOf(zoneOrder);
      assertThat(ips(r).get(0)).isEqualTo(zoneOrder.get(id));
      assertCnameChain(r);
    }
    for (LoadBalance policy : List.of(LoadBalance.RANDOM, LoadBalance.NONE)) {
      try (NodeDnsHarness other =
          new NodeDnsHarness(
              NodeDnsHarness.config(List.of())
                  .withLoadBalance(policy)
                  .withZones(Map.of("component.thisdcos.directory", componentZone())))) {
        other.push(
            NodeDnsHarness.zoneWithA(
                "dcos.thisdcos.directory", "master.dcos.thisdcos.directory", 5));
        Set<List<String>> orders = new HashSet<>();
        for (int id = 0; id < 20; id++) {
          Message r = udp(other.address(), query("c1.component.thisdcos.directory", Type.A, id));
          assertCnameChain(r);
          assertThat(ips(r)).containsExactlyInAnyOrderElementsOf(zoneOrder);
          orders.add(ips(r));
        }
        if (policy == LoadBalance.NONE) {
          assertThat(orders).containsExactly(zoneOrder);
        } else {
          assertThat(orders.size()).isGreaterThan(1);
        }
      }
    }
  }

  private static void assertCnameChain(Message r) {
    List<Record> a = r.getSection(Section.ANSWER);
    assertThat(a).hasSize(8);
    assertThat(a.get(0).getName().toString()).startsWith("c1.");
    assertThat(a.get(1).getName().toString()).startsWith("c2.");
    assertThat(a.get(2).getName().toString()).startsWith("c3.");
  }
}
