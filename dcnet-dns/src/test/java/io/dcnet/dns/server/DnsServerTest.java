package io.dcnet.dns.server;

import static io.dcnet.dns.server.DnsTestClient.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

class DnsServerTest {
  private final List<DnsServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(DnsServer::close);
  }

  private DnsServer start(DnsServerOptions options) {
    DnsServer s = new DnsServer(LOOPBACK, 0, new ScriptedHandler(), options.withIoThreads(2));
    servers.add(s);
    return s.start();
  }

  private DnsServer start() {
    return start(DnsServerOptions.defaults());
  }

  @Test
  void answersOverUdpAndTcpOnTheReportedPorts() throws Exception {
    DnsServer s = start();
    assertThat(s.udpPort()).isPositive();
    assertThat(s.tcpPort()).as("port 0 gives UDP and TCP one number").isEqualTo(s.udpPort());
    SimpleResolver udp = new SimpleResolver(s.udpAddress());
    udp.setTimeout(Duration.ofSeconds(3));
    Message r = udp.send(DnsTestClient.queryA("web.marathon.mesos."));
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.getSection(Section.ANSWER)).hasSize(1);

    SimpleResolver tcp = new SimpleResolver(s.tcpAddress());
    tcp.setTCP(true);
    tcp.setTimeout(Duration.ofSeconds(3));
    Message t = tcp.send(DnsTestClient.queryA("web.marathon.mesos."));
    assertThat(t.getSection(Section.ANSWER)).hasSize(1);
    assertThat(s.stats().queries().get()).isEqualTo(2);
    assertThat(s.stats().responses(Rcode.NOERROR)).isEqualTo(2);
  }

  @Test
  void nioFallbackServesToo() throws Exception {
    DnsServer s = start(DnsServerOptions.defaults().withPreferEpoll(false));
    assertThat(s.epoll()).isFalse();
    assertThat(DnsTestClient.udp(s.udpAddress(), DnsTestClient.queryA("a.b.")).getRcode())
        .isEqualTo(Rcode.NOERROR);
    assertThat(DnsTestClient.tcp(s.tcpAddress(), DnsTestClient.queryA("a.b.")).getRcode())
        .isEqualTo(Rcode.NOERROR);
  }

  @Test
  void severalReusePortSocketsAllAnswer() throws Exception {
    DnsServer s = start(DnsServerOptions.defaults().withUdpChannels(4));
    for (int i = 0; i < 40; i++) {
      Message q = DnsTestClient.queryA("n" + i + ".mesos.");
      Message r = DnsTestClient.udp(s.udpAddress(), q);
      assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
    }
    assertThat(s.stats().responses(Rcode.NOERROR)).isEqualTo(40);
  }

  @Test
  void handlerFailuresBecomeServfail() throws Exception {
    DnsServer s = start();
    for (String name : List.of("boom.x.", "fail.x.", "null.x.")) {
      Message q = DnsTestClient.queryA(name);
      Message r = DnsTestClient.udp(s.udpAddress(), q);
      assertThat(r.getRcode()).as(name).isEqualTo(Rcode.SERVFAIL);
      assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
      assertThat(r.getQuestion()).isEqualTo(q.getQuestion());
    }
    assertThat(s.stats().responses(Rcode.SERVFAIL)).isEqualTo(3);
    assertThat(s.stats().handlerErrors().get()).isEqualTo(2);
  }

  @Test
  void garbageGetsFormerrWhenTheHeaderIsReadableElseIsDropped() throws Exception {
    DnsServer s = start();
    assertThat(DnsTestClient.udp(s.udpAddress(), new byte[] {1, 2, 3, 4, 5}, 300)).isNull();
    byte[] bad = {0x12, 0x34, 0x01, 0x00, 0, 9, 0, 0, 0, 0, 0, 0, 3, 'a'};
    byte[] reply = DnsTestClient.udp(s.udpAddress(), bad, 3000);
    Message r = new Message(reply);
    assertThat(r.getHeader().getID()).isEqualTo(0x1234);
    assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(r.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(r.getHeader().getFlag(Flags.RD)).isTrue();
    byte[] tcpReply = DnsTestClient.tcp(s.tcpAddress(), bad);
    assertThat(new Message(tcpReply).getRcode()).isEqualTo(Rcode.FORMERR);
    // a response packet is never answered
    byte[] response = DnsTestClient.queryA("x.").toWire();
    response[2] |= (byte) 0x80;
    assertThat(DnsTestClient.udp(s.udpAddress(), response, 300)).isNull();
    // no question: FORMERR
    byte[] empty = {0x55, 0x66, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assertThat(new Message(DnsTestClient.udp(s.udpAddress(), empty, 3000)).getRcode())
        .isEqualTo(Rcode.FORMERR);
    assertThat(s.stats().formerr().get()).isEqualTo(3);
    assertThat(s.stats().dropped().get()).isEqualTo(2);
  }

  @Test
  void udpRepliesAreCutTo512WithoutEdnsAndToTheAdvertisedSizeWithIt() throws Exception {
    DnsServer s = start();
    byte[] plain = DnsTestClient.udp(s.udpAddress(), DnsTestClient.queryA("big.x.").toWire(), 3000);
    Message r = new Message(plain);
    assertThat(plain.length).isLessThan(512);
    assertThat(r.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(r.getSection(Section.ANSWER)).isNotEmpty().hasSizeLessThan(100);

    Message edns = DnsTestClient.queryA("big.x.");
    edns.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    Message full = DnsTestClient.udp(s.udpAddress(), edns);
    assertThat(full.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(full.getSection(Section.ANSWER)).hasSize(100);

    Message tcp = DnsTestClient.tcp(s.tcpAddress(), DnsTestClient.queryA("big.x."));
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(100);
    assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(s.stats().truncated().get()).isEqualTo(1);
  }

  @Test
  void truncateBitCanBeTurnedOff() throws Exception {
    DnsServer s = start(DnsServerOptions.defaults().withSetTruncateBit(false));
    Message r = DnsTestClient.udp(s.udpAddress(), DnsTestClient.queryA("big.x."));
    assertThat(r.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(r.getSection(Section.ANSWER)).hasSizeLessThan(100);
  }

  @Test
  void beyondMaxInFlightQueriesGetServfailAndAreCounted() throws Exception {
    DnsServer s = start(DnsServerOptions.defaults().withMaxInFlight(1));
    byte[] hang = DnsTestClient.queryA("hang.x.").toWire();
    assertThat(DnsTestClient.udp(s.udpAddress(), hang, 50)).isNull();
    await().atMost(Duration.ofSeconds(3)).until(() -> s.inFlight() == 1);
    Message r = DnsTestClient.udp(s.udpAddress(), DnsTestClient.queryA("ok.x."));
    assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(s.stats().overload().get()).isEqualTo(1);
  }

  @Test
  void aHandlerThatNeverAnswersTimesOutWithServfail() throws Exception {
    DnsServer s = start(DnsServerOptions.defaults().withQueryTimeout(Duration.ofMillis(200)));
    Message r = DnsTestClient.udp(s.udpAddress(), DnsTestClient.queryA("hang.x."));
    assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(s.stats().timeouts().get()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void pipelinedTcpQueriesAreEachAnsweredAsSoonAsReady() throws Exception {
    DnsServer s = start();
    Message slow = DnsTestClient.queryA("slow.x.");
    slow.getHeader().setID(1);
    Message fast1 = DnsTestClient.queryA("a.x.");
    fast1.getHeader().setID(2);
    Message fast2 = DnsTestClient.queryA("b.x.");
    fast2.getHeader().setID(3);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    DataOutputStream framed = new DataOutputStream(all);
    for (Message m : List.of(slow, fast1, fast2)) {
      byte[] w = m.toWire();
      framed.writeShort(w.length);
      framed.write(w);
    }
    try (Socket sock = new Socket()) {
      sock.connect(s.tcpAddress(), 3000);
      sock.setSoTimeout(3000);
      sock.getOutputStream().write(all.toByteArray());
      DataInputStream in = new DataInputStream(sock.getInputStream());
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(new Message(DnsTestClient.readFrame(in)).getHeader().getID());
      }
      assertThat(ids).containsExactlyInAnyOrder(1, 2, 3);
      assertThat(ids.get(2)).isEqualTo(1); // the slow one came last
    }
  }

  @Test
  void idleTcpConnectionsAreClosed() throws Exception {
    DnsServer s = start(DnsServerOptions.defaults().withTcpIdleTimeout(Duration.ofMillis(300)));
    try (Socket sock = new Socket()) {
      sock.connect(s.tcpAddress(), 3000);
      sock.setSoTimeout(5000);
      long t0 = System.nanoTime();
      assertThat(readEof(sock)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }
    await().atMost(Duration.ofSeconds(3)).until(() -> s.tcpConnections() == 0);
  }

  @Test
  void tcpConnectionsBeyondTheCapAreClosed() throws Exception {
    DnsServer s = start(DnsServerOptions.defaults().withMaxTcpConnections(2));
    try (Socket a = new Socket();
        Socket b = new Socket();
        Socket c = new Socket()) {
      a.connect(s.tcpAddress(), 3000);
      b.connect(s.tcpAddress(), 3000);
      await().atMost(Duration.ofSeconds(3)).until(() -> s.tcpConnections() == 2);
      c.connect(s.tcpAddress(), 3000);
      c.setSoTimeout(3000);
      assertThat(readEof(c)).isTrue();
      assertThat(s.stats().tcpRejected().get()).isEqualTo(1);
      // the admitted ones still work
      Set<Integer> ok = new HashSet<>();
      for (Socket sock : List.of(a, b)) {
        sock.setSoTimeout(3000);
        Message q = DnsTestClient.queryA("ok.x.");
        byte[] w = q.toWire();
        DataOutputStream out = new DataOutputStream(sock.getOutputStream());
        out.writeShort(w.length);
        out.write(w);
        out.flush();
        ok.add(
            new Message(DnsTestClient.readFrame(new DataInputStream(sock.getInputStream())))
                .getRcode());
      }
      assertThat(ok).containsExactly(Rcode.NOERROR);
    }
  }

  private static boolean readEof(Socket sock) throws IOException {
    try {
      return sock.getInputStream().read() == -1;
    } catch (SocketException | EOFException e) {
      return true; // reset counts as closed
    }
  }

  @Test
  void rejectsBadConstructorArguments() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new DnsServer(LOOPBACK, 70000, new ScriptedHandler(), DnsServerOptions.defaults()))
        .hasMessageContaining("port: 70000 (expected: 0-65535)");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new DnsServer(
                    "dns.example", 53, new ScriptedHandler(), DnsServerOptions.defaults()))
        .hasMessageContaining("bindAddress: dns.example (expected: an IPv4 or IPv6 literal)");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DnsServerOptions.defaults().withMaxInFlight(0))
        .hasMessageContaining("maxInFlight: 0");
  }

  @Test
  void bindConflictIsReported() {
    DnsServer s = start();
    DnsServer clash =
        new DnsServer(
            LOOPBACK,
            s.udpPort(),
            new ScriptedHandler(),
            DnsServerOptions.defaults().withUdpChannels(1).withIoThreads(1));
    org.assertj.core.api.Assertions.assertThatThrownBy(clash::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DNS bind failed");
    InetSocketAddress unused = s.udpAddress();
    assertThat(unused.getPort()).isEqualTo(s.udpPort());
  }
}
