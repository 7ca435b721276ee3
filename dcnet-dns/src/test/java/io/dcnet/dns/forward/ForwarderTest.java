package io.dcnet.dns.forward;

import static io.dcnet.dns.server.DnsTestClient.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.dns.server.DnsProtocol;
import io.dcnet.dns.server.DnsReplies;
import io.dcnet.dns.server.DnsServer;
import io.dcnet.dns.server.DnsServerOptions;
import io.dcnet.dns.server.DnsTestClient;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

class ForwarderTest {
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private FakeUpstream upstream(java.util.function.BiFunction<byte[], DnsProtocol, byte[]> s)
      throws IOException {
    FakeUpstream u = new FakeUpstream(s);
    closeables.add(u);
    return u;
  }

  private DnsServer server(Forwarder f) {
    DnsServer s =
        new DnsServer(LOOPBACK, 0, f, DnsServerOptions.defaults().withIoThreads(1)).start();
    closeables.add(s);
    return s;
  }

  /** A reply with {@code count} A records 192.0.2.x and the given rcode. */
  static byte[] answer(byte[] query, int rcode, int count, boolean tc) {
    try {
      Message q = new Message(query);
      Message r = DnsReplies.error(q, rcode);
      for (int i = 0; i < count; i++) {
        r.addRecord(
            new ARecord(
                q.getQuestion().getName(),
                DClass.IN,
                30,
                InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) (i + 1)})),
            Section.ANSWER);
      }
      if (tc) {
        r.getHeader().setFlag(Flags.TC);
      }
      return r.toWire();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static InetSocketAddress downPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      return new InetSocketAddress(LOOPBACK, s.getLocalPort());
    }
  }

  @Test
  void forwardsTheExactBytesOverUdpAndRelaysTheReply() throws Exception {
    FakeUpstream up = upstream((q, p) -> answer(q, Rcode.NOERROR, 1, false));
    DnsServer s = server(new Forwarder(List.of(up.address()), Duration.ofSeconds(2)));
    Message q = DnsTestClient.queryA("www.example.com.");
    q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    Message r = DnsTestClient.udp(s.udpAddress(), q);
    assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.getSection(Section.ANSWER)).hasSize(1);
    assertThat(up.received).hasSize(1);
    assertThat(up.received.get(0).protocol()).isEqualTo(DnsProtocol.UDP);
    assertThat(up.received.get(0).wire()).isEqualTo(q.toWire());
  }

  @Test
  void largeEdnsRepliesAreRelayedWhole() throws Exception {
    FakeUpstream up = upstream((q, p) -> answer(q, Rcode.NOERROR, 200, false));
    DnsServer s = server(new Forwarder(List.of(up.address()), Duration.ofSeconds(2)));
    Message q = DnsTestClient.queryA("big.example.com.");
    q.addRecord(new OPTRecord(8192, 0, 0), Section.ADDITIONAL);
    byte[] reply = DnsTestClient.udp(s.udpAddress(), q.toWire(), 3000);
    assertThat(reply.length).isGreaterThan(2048);
    Message r = new Message(reply);
    assertThat(r.getSection(Section.ANSWER)).hasSize(200);
    assertThat(r.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(up.count(DnsProtocol.UDP)).isEqualTo(1);
  }

  @Test
  void tcpClientsAreForwardedOverTcp() throws Exception {
    FakeUpstream up = upstream((q, p) -> answer(q, Rcode.NOERROR, 2, false));
    DnsServer s = server(new Forwarder(List.of(up.address()), Duration.ofSeconds(2)));
    Message q = DnsTestClient.queryA("www.example.com.");
    Message r = DnsTestClient.tcp(s.tcpAddress(), q);
    assertThat(r.getSection(Section.ANSWER)).hasSize(2);
    assertThat(up.count(DnsProtocol.TCP)).isEqualTo(1);
    assertThat(up.count(DnsProtocol.UDP)).isZero();
    assertThat(up.received.get(0).wire()).isEqualTo(q.toWire());
  }

  @Test
  void servfailAndNxdomainAreRelayedNotRetried() throws Exception {
    FakeUpstream servfail = upstream((q, p) -> answer(q, Rcode.SERVFAIL, 0, false));
    FakeUpstream nx = upstream((q, p) -> answer(q, Rcode.NXDOMAIN, 0, false));
    FakeUpstream spare = upstream((q, p) -> answer(q, Rcode.NOERROR, 1, false));
    DnsServer s1 =
        server(new Forwarder(List.of(servfail.address(), spare.address()), Duration.ofSeconds(2)));
    assertThat(DnsTestClient.udp(s1.udpAddress(), DnsTestClient.queryA("a.com.")).getRcode())
        .isEqualTo(Rcode.SERVFAIL);
    DnsServer s2 =
        server(new Forwarder(List.of(nx.address(), spare.address()), Duration.ofSeconds(2)));
    assertThat(DnsTestClient.udp(s2.udpAddress(), DnsTestClient.queryA("a.com.")).getRcode())
        .isEqualTo(Rcode.NXDOMAIN);
    assertThat(spare.received).isEmpty();
  }

  @Test
  void aSlowUpstreamTimesOutAndTheNextOneAnswers() throws Exception {
    FakeUpstream slow = upstream((q, p) -> null);
    FakeUpstream good = upstream((q, p) -> answer(q, Rcode.NOERROR, 1, false));
    DnsServer s =
        server(new Forwarder(List.of(slow.address(), good.address()), Duration.ofMillis(400)));
    Message r = DnsTestClient.udp(s.udpAddress(), DnsTestClient.queryA("a.com."));
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(slow.received).hasSize(1);
    assertThat(good.received).hasSize(1);
    Message t = DnsTestClient.tcp(s.tcpAddress(), DnsTestClient.queryA("a.com."));
    assertThat(t.getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void aDownUpstreamIsSkippedQuickly() throws Exception {
    FakeUpstream good = upstream((q, p) -> answer(q, Rcode.NOERROR, 1, false));
    DnsServer s = server(new Forwarder(List.of(downPort(), good.address()), Duration.ofSeconds(5)));
    long t0 = System.nanoTime();
    Message r = DnsTestClient.udp(s.udpAddress(), DnsTestClient.queryA("a.com."));
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    Message t = DnsTestClient.tcp(s.tcpAddress(), DnsTestClient.queryA("a.com."));
    assertThat(t.getRcode()).isEqualTo(Rcode.NOERROR);
    // refused connection / ICMP port unreachable: well under one 5 s timeout for both
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void allUpstreamsFailingGivesServfailAndNoUpstreamsGivesRefused() throws Exception {
    FakeUpstream slow = upstream((q, p) -> null);
    DnsServer s =
        server(new Forwarder(List.of(downPort(), slow.address()), Duration.ofMillis(300)));
    Message q = DnsTestClient.queryA("a.com.");
    Message r = DnsTestClient.udp(s.udpAddress(), q);
    assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
    DnsServer none = server(new Forwarder(List.of(), Duration.ZERO));
    assertThat(DnsTestClient.udp(none.udpAddress(), q).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void aTruncatedUdpReplyIsRetriedOverTcp() throws Exception {
    FakeUpstream up =
        upstream(
            (q, p) ->
                p == DnsProtocol.UDP
                    ? answer(q, Rcode.NOERROR, 0, true)
                    : answer(q, Rcode.NOERROR, 50, false));
    DnsServer s = server(new Forwarder(List.of(up.address()), Duration.ofSeconds(2)));
    Message q = DnsTestClient.queryA("big.example.com.");
    q.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    Message r = DnsTestClient.udp(s.udpAddress(), q);
    assertThat(r.getSection(Section.ANSWER)).hasSize(50);
    assertThat(r.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(up.count(DnsProtocol.UDP)).isEqualTo(1);
    assertThat(up.count(DnsProtocol.TCP)).isEqualTo(1);
    assertThat(up.received.get(1).wire()).isEqualTo(q.toWire());
    // a client without EDNS gets the full reply cut to 512 bytes with TC by the server
    Message plain = DnsTestClient.udp(s.udpAddress(), DnsTestClient.queryA("big.example.com."));
    assertThat(plain.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(plain.getSection(Section.ANSWER)).isNotEmpty().hasSizeLessThan(50);
  }

  @Test
  void whenTheTcpRetryFailsTheTruncatedReplyIsRelayedWithTc() throws Exception {
    FakeUpstream up =
        upstream((q, p) -> p == DnsProtocol.UDP ? answer(q, Rcode.NOERROR, 2, true) : null);
    DnsServer s = server(new Forwarder(List.of(up.address()), Duration.ofSeconds(2)));
    Message r = DnsTestClient.udp(s.udpAddress(), DnsTestClient.queryA("big.example.com."));
    assertThat(r.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(r.getSection(Section.ANSWER)).hasSize(2);
    assertThat(up.count(DnsProtocol.TCP)).isEqualTo(1);
  }

  @Test
  void validatesConfiguration() {
    assertThat(Forwarder.withTimeoutSeconds(List.of(), 0).timeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(Forwarder.withTimeoutSeconds(List.of(), 2).timeout())
        .isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(
            () ->
                new Forwarder(
                    List.of(InetSocketAddress.createUnresolved("dns.example", 53)), Duration.ZERO))
        .hasMessageContaining("expected: an IP address and port");
    assertThatThrownBy(() -> Forwarder.withTimeoutSeconds(List.of(), -1))
        .hasMessageContaining("timeout: -1");
  }
}
