package io.dcnet.nodedns;

import static io.dcnet.nodedns.testing.DnsClient.query;
import static io.dcnet.nodedns.testing.DnsClient.tcp;
import static io.dcnet.nodedns.testing.DnsClient.udp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.nodedns.forward.ForwarderMetrics;
import io.dcnet.nodedns.testing.FakeUpstream;
import io.dcnet.nodedns.testing.NodeDnsHarness;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** dcos_dns_handler_SUITE's upstream and overload groups, plus mesos and forward zones. */
class NodeDnsForwardingTest {
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T track(T c) {
    open.add(c);
    return c;
  }

  private NodeDnsHarness dns(NodeDnsConfig config) {
    return track(new NodeDnsHarness(config));
  }

  private static String ip(Message m) {
    return ((ARecord) m.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
  }

  @Test
  void udpBasicUpstream() throws Exception {
    FakeUpstream up = track(FakeUpstream.answering("192.0.2.1"));
    NodeDnsHarness dns = dns(NodeDnsHarness.config(List.of(up.address())));
    Message q = query("www.example.com", Type.A, 4242);
    Message r = udp(dns.address(), q);
    assertThat(r.getHeader().getID()).isEqualTo(4242);
    assertThat(ip(r)).isEqualTo("192.0.2.1");
    assertThat(up.udpQueries()).isEqualTo(1);
    assertThat(up.tcpQueries()).isZero();
  }

  @Test
  void tcpBasicUpstream() throws Exception {
    FakeUpstream up = track(FakeUpstream.answering("192.0.2.2"));
    NodeDnsHarness dns = dns(NodeDnsHarness.config(List.of(up.address())));
    assertThat(ip(tcp(dns.address(), query("www.example.com", Type.A)))).isEqualTo("192.0.2.2");
    assertThat(up.tcpQueries()).isEqualTo(1);
    assertThat(up.udpQueries()).isZero();
  }

  @Test
  void multiUpstreams() throws Exception {
    List<InetSocketAddress> ups = new ArrayList<>();
    List<FakeUpstream> fakes = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      FakeUpstream f = track(FakeUpstream.answering("192.0.2." + i));
      fakes.add(f);
      ups.add(f.address());
    }
    NodeDnsHarness dns = dns(NodeDnsHarness.config(ups));
    for (int i = 0; i < 8; i++) {
      Message r = udp(dns.address(), query("q" + i + ".example.com", Type.A));
      assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(ip(r)).startsWith("192.0.2.");
    }
    // two workers per query (4 upstreams ≥ 3): 16 queries reach the upstreams in all
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> fakes.stream().mapToInt(FakeUpstream::queries).sum() == 16);
  }

  @Test
  void mixedUpstreams() throws Exception {
    FakeUpstream dead = track(FakeUpstream.dead());
    FakeUpstream a = track(FakeUpstream.answering("192.0.2.1"));
    FakeUpstream b = track(FakeUpstream.answering("192.0.2.2"));
    NodeDnsHarness dns =
        dns(NodeDnsHarness.config(List.of(dead.address(), a.address(), b.address())));
    for (int i = 0; i < 8; i++) {
      Message r = udp(dns.address(), query("m" + i + ".example.com", Type.A));
      assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    }
  }

  @Test
  void failingUpstreamIsAvoidedAfterFailures() throws Exception {
    FakeUpstream dead = track(FakeUpstream.dead());
    FakeUpstream a = track(FakeUpstream.answering("192.0.2.1"));
    FakeUpstream b = track(FakeUpstream.answering("192.0.2.2"));
    NodeDnsHarness dns =
        dns(NodeDnsHarness.config(List.of(dead.address(), a.address(), b.address())));
    // the two live upstreams are both in bucket 0 only after the dead one has failed once
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              udp(dns.address(), query("f.example.com", Type.A));
              return dns.metrics.failures(dead.address()) > 0;
            });
    await().atMost(Duration.ofSeconds(2)).until(() -> dns.server().inFlight() == 0);
    int before = dead.queries();
    for (int i = 0; i < 6; i++) {
      assertThat(udp(dns.address(), query("g" + i + ".example.com", Type.A)).getRcode())
          .isEqualTo(Rcode.NOERROR);
    }
    assertThat(dead.queries()).isEqualTo(before);
    assertThat(dns.metrics.workerFailures())
        .containsKey(new ForwarderMetrics.WorkerKey("udp", addr(dead), "timeout"));
  }

  private static String addr(FakeUpstream f) {
    return "127.0.0.1:" + f.address().getPort();
  }

  @Test
  void noUpstream() throws Exception {
    NodeDnsHarness dns = dns(NodeDnsHarness.config(List.of()));
    long start = System.nanoTime();
    Message r = udp(dns.address(), query("www.example.com", Type.A));
    assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(dns.metrics.forwarderFailures()).containsEntry(".", 1L);
  }

  @Test
  void brokenUpstreams() throws Exception {
    FakeUpstream d1 = track(FakeUpstream.dead());
    FakeUpstream d2 = track(FakeUpstream.dead());
    NodeDnsHarness dns = dns(NodeDnsHarness.config(List.of(d1.address(), d2.address())));
    long start = System.nanoTime();
    Message r = udp(dns.address(), query("www.example.com", Type.A), Duration.ofSeconds(5));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
    assertThat(d1.queries()).isEqualTo(1);
    assertThat(d2.queries()).isEqualTo(1);
    assertThat(dns.metrics.forwarderFailures()).containsEntry(".", 1L);
  }

  @Test
  void overallDeadline() throws Exception {
    FakeUpstream d1 = track(FakeUpstream.dead());
    NodeDnsHarness dns =
        dns(
            NodeDnsHarness.config(List.of(d1.address()))
                .withTimeouts(Duration.ofSeconds(20), Duration.ofMillis(500)));
    long start = System.nanoTime();
    Message r = tcp(dns.address(), query("www.example.com", Type.A));
    assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void firstReplyWinsWhateverItsRcode() throws Exception {
    FakeUpstream nx =
        track(
            FakeUpstream.start(
                q -> {
                  Message m = FakeUpstream.withA(q, "192.0.2.9", 0);
                  m.getHeader().setRcode(Rcode.NXDOMAIN);
                  return m;
                },
                Duration.ZERO));
    FakeUpstream slow =
        track(
            FakeUpstream.start(q -> FakeUpstream.withA(q, "192.0.2.8", 1), Duration.ofMillis(300)));
    NodeDnsHarness dns = dns(NodeDnsHarness.config(List.of(nx.address(), slow.address())));
    assertThat(udp(dns.address(), query("x.example.com", Type.A)).getRcode())
        .isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void forwardZonesLongestSuffixWins() throws Exception {
    FakeUpstream def = track(FakeUpstream.answering("192.0.2.1"));
    FakeUpstream corp = track(FakeUpstream.answering("192.0.2.5"));
    FakeUpstream sub = track(FakeUpstream.answering("192.0.2.6"));
    NodeDnsHarness dns =
        dns(
            NodeDnsHarness.config(List.of(def.address()))
                .withForwardZones(
                    Map.of(
                        "corp.example", List.of(corp.address()),
                        "sub.corp.example", List.of(sub.address()))));
    assertThat(ip(udp(dns.address(), query("a.corp.example", Type.A)))).isEqualTo("192.0.2.5");
    assertThat(ip(udp(dns.address(), query("x.sub.corp.example", Type.A)))).isEqualTo("192.0.2.6");
    assertThat(ip(udp(dns.address(), query("SUB.corp.example", Type.A)))).isEqualTo("192.0.2.6");
    assertThat(ip(udp(dns.address(), query("other.example", Type.A)))).isEqualTo("192.0.2.1");
  }

  @Test
  void mesosGoesToEveryMasterInParallel() throws Exception {
    List<FakeUpstream> masters = new ArrayList<>();
    List<InetSocketAddress> addrs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      FakeUpstream m =
          track(
              FakeUpstream.start(
                  q -> FakeUpstream.withA(q, "10.9.0.1", 1), Duration.ofMillis(200 * i)));
      masters.add(m);
      addrs.add(m.address());
    }
    FakeUpstream def = track(FakeUpstream.answering("192.0.2.1"));
    NodeDnsHarness dns =
        dns(NodeDnsHarness.config(List.of(def.address())).withMesosResolvers(addrs));
    long start = System.nanoTime();
    Message r = udp(dns.address(), query("leader.mesos", Type.A));
    assertThat(ip(r)).isEqualTo("10.9.0.1");
    // in parallel: the fastest (200 ms) answers long before 200+400+600 ms
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> masters.stream().allMatch(m -> m.queries() == 1));
    assertThat(def.queries()).isZero();
  }

  @Test
  void overload() throws Exception {
    FakeUpstream slow =
        track(
            FakeUpstream.start(q -> FakeUpstream.withA(q, "192.0.2.1", 1), Duration.ofMillis(500)));
    int limit = 8;
    NodeDnsHarness dns =
        dns(
            NodeDnsHarness.config(List.of(slow.address()))
                .withHandlerLimit(limit)
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(4)));
    ExecutorService pool = Executors.newFixedThreadPool(4 * limit);
    try {
      List<CompletableFuture<Integer>> replies = new ArrayList<>();
      for (int i = 0; i < 4 * limit; i++) {
        String name = "o" + i + ".example.com";
        replies.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return udp(dns.address(), query(name, Type.A)).getRcode();
                  } catch (Exception e) {
                    return -1;
                  }
                },
                pool));
      }
      List<Integer> rcodes = replies.stream().map(CompletableFuture::join).toList();
      assertThat(rcodes).contains(Rcode.NOERROR);
      assertThat(rcodes).contains(Rcode.SERVFAIL);
      assertThat(dns.server().stats().overload().get()).isPositive();
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }
}
