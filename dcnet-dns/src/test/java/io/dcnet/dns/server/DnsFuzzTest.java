package io.dcnet.dns.server;

import static io.dcnet.dns.server.DnsTestClient.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.dns.mesos.AuthorityView;
import io.dcnet.dns.mesos.MesosAuthority;
import io.dcnet.dns.records.RecordSet;
import io.dcnet.dns.records.SoaSettings;
import io.dcnet.dns.zone.ZoneRouter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Sends 100,000 random and mutated packets (half UDP, half TCP) to a server running the Mesos
 * authority, then checks it still answers correctly, nothing is left in flight and the heap did not
 * grow.
 */
class DnsFuzzTest {
  private static final long SEED = 0x5eed_d05L;
  private static final int UDP_PACKETS = 50_000;
  private static final int TCP_PACKETS = 50_000;
  private static final int TCP_FRAMES_PER_CONNECTION = 500;
  private static final List<String> NAMES =
      List.of(
          "web.marathon.mesos.",
          "_web._tcp.marathon.mesos.",
          "WEB.*.marathon.mesos.",
          "missing.mesos.",
          "mesos.",
          "example.com.",
          "a.b.c.d.e.f.g.mesos.");
  private static final int[] TYPES = {
    Type.A, Type.AAAA, Type.SRV, Type.ANY, Type.SOA, Type.NS, Type.TXT, Type.MX, Type.PTR
  };

  @Test
  void survivesGarbageAndStillAnswers() throws Exception {
    RecordSet.Builder b = RecordSet.builder();
    b.addA("web.marathon.mesos.", "10.0.0.1");
    b.addA("web.marathon.mesos.", "10.0.0.2");
    b.addSrv("_web._tcp.marathon.mesos.", "web.marathon.mesos.:31000");
    RecordSet rs = b.build();
    SoaSettings soa = new SoaSettings("mesos", "ns1.mesos.", "root.ns1.mesos.", 60, 60, 600, 86400);
    MesosAuthority auth = new MesosAuthority(() -> new AuthorityView(rs, 1, soa), 1, true);
    try (DnsServer server =
        new DnsServer(
                LOOPBACK,
                0,
                new ZoneRouter(Map.of("mesos.", auth)),
                DnsServerOptions.defaults().withIoThreads(2))
            .start()) {
      assertValidAnswers(server);
      long heapBefore = usedHeapAfterGc();
      Random rnd = new Random(SEED);

      int udpReplies = fuzzUdp(server.udpAddress(), rnd);
      fuzzTcp(server.tcpAddress(), rnd);

      await().atMost(Duration.ofSeconds(10)).until(() -> server.inFlight() == 0);
      await().atMost(Duration.ofSeconds(10)).until(() -> server.tcpConnections() == 0);
      assertValidAnswers(server);
      DnsServerStats stats = server.stats();
      assertThat(stats.queries().get()).isGreaterThan(UDP_PACKETS / 2);
      assertThat(stats.formerr().get()).isPositive();
      assertThat(stats.responses(Rcode.NOERROR)).isPositive();
      assertThat(udpReplies).isPositive();
      long growth = usedHeapAfterGc() - heapBefore;
      assertThat(growth).isLessThan(64L << 20);
    }
  }

  private static void assertValidAnswers(DnsServer server) throws IOException {
    Message q = DnsTestClient.queryA("web.marathon.mesos.");
    Message u = DnsTestClient.udp(server.udpAddress(), q);
    assertThat(u.getHeader().getID()).isEqualTo(q.getHeader().getID());
    assertThat(u.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(u.getSection(Section.ANSWER)).hasSize(2);
    Message t =
        DnsTestClient.tcp(
            server.tcpAddress(), DnsTestClient.query("_web._tcp.marathon.mesos.", Type.SRV));
    assertThat(t.getSection(Section.ANSWER)).hasSize(1);
    assertThat(t.getSection(Section.ADDITIONAL)).hasSize(1);
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static int fuzzUdp(InetSocketAddress server, Random rnd) throws IOException {
    int replies = 0;
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      s.setReceiveBufferSize(1 << 20);
      s.setSoTimeout(3);
      byte[] buf = new byte[65535];
      for (int sent = 0; sent < UDP_PACKETS; ) {
        for (int i = 0; i < 256 && sent < UDP_PACKETS; i++, sent++) {
          byte[] p = packet(rnd);
          s.send(new DatagramPacket(p, p.length, server));
        }
        for (int i = 0; i < 1024; i++) { // drain what came back, briefly
          try {
            s.receive(new DatagramPacket(buf, buf.length));
            replies++;
          } catch (SocketTimeoutException e) {
            break;
          }
        }
      }
    }
    return replies;
  }

  private static void fuzzTcp(InetSocketAddress server, Random rnd) throws IOException {
    byte[] sink = new byte[1 << 16];
    for (int sent = 0; sent < TCP_PACKETS; ) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      for (int i = 0; i < TCP_FRAMES_PER_CONNECTION && sent < TCP_PACKETS; i++, sent++) {
        byte[] p = packet(rnd);
        int framedLength = rnd.nextInt(50) == 0 ? rnd.nextInt(65536) : p.length; // broken framing
        out.writeShort(framedLength);
        out.write(p);
      }
      try (Socket sock = new Socket()) {
        sock.connect(server, 3000);
        sock.setSoTimeout(30);
        if (rnd.nextInt(10) == 0) {
          sock.setSoLinger(true, 0); // close with a reset
        }
        sock.getOutputStream().write(bytes.toByteArray());
        InputStream in = sock.getInputStream();
        for (int i = 0; i < 1000; i++) {
          try {
            if (in.read(sink) < 0) {
              break;
            }
          } catch (SocketTimeoutException e) {
            break;
          }
        }
      } catch (IOException e) {
        // the server may close a connection whose framing broke: expected
      }
    }
  }

  /** One random or mutated DNS packet. */
  static byte[] packet(Random rnd) {
    byte[] p;
    switch (rnd.nextInt(9)) {
      case 0 -> {
        p = new byte[rnd.nextInt(600)];
        rnd.nextBytes(p);
      }
      case 1 -> {
        p = valid(rnd);
        for (int i = 1 + rnd.nextInt(16); i > 0; i--) {
          int bit = rnd.nextInt(p.length * 8);
          p[bit / 8] ^= (byte) (1 << (bit % 8));
        }
      }
      case 2 -> {
        byte[] v = valid(rnd);
        p = Arrays.copyOf(v, rnd.nextInt(v.length));
      }
      case 3 -> {
        p = valid(rnd);
        for (int i = 4; i < 12; i++) {
          p[i] = (byte) rnd.nextInt(256);
        }
      }
      case 4 -> p = compressionLoop(rnd);
      case 5 -> p = manyLabels(rnd);
      case 6 -> {
        byte[] v = valid(rnd);
        int at = rnd.nextInt(v.length);
        byte[] junk = new byte[rnd.nextInt(40)];
        rnd.nextBytes(junk);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(v, 0, at);
        o.write(junk, 0, junk.length);
        o.write(v, at, v.length - at);
        p = o.toByteArray();
      }
      default -> p = valid(rnd);
    }
    if (p.length > 2 && rnd.nextInt(10) != 0) {
      p[2] &= 0x7F; // mostly queries, so they get past the response filter
    }
    return p;
  }

  static byte[] valid(Random rnd) {
    Message q =
        DnsTestClient.query(NAMES.get(rnd.nextInt(NAMES.size())), TYPES[rnd.nextInt(TYPES.length)]);
    if (rnd.nextBoolean()) {
      q.addRecord(new OPTRecord(512 + rnd.nextInt(4096), 0, 0), Section.ADDITIONAL);
    }
    return q.toWire();
  }

  private static byte[] header(Random rnd, int qd) {
    return new byte[] {
      (byte) rnd.nextInt(256), (byte) rnd.nextInt(256), 1, 0, 0, (byte) qd, 0, 0, 0, 0, 0, 0
    };
  }

  static byte[] compressionLoop(Random rnd) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    byte[] h = header(rnd, 1);
    o.write(h, 0, h.length);
    switch (rnd.nextInt(3)) {
      case 0 -> o.write(new byte[] {(byte) 0xC0, 12}, 0, 2); // points at itself
      case 1 -> o.write(new byte[] {1, 'a', (byte) 0xC0, 12}, 0, 4); // label then back to start
      default -> o.write(new byte[] {(byte) 0xC0, 14, (byte) 0xC0, 12}, 0, 4); // two-pointer cycle
    }
    o.write(new byte[] {0, 1, 0, 1}, 0, 4);
    return o.toByteArray();
  }

  static byte[] manyLabels(Random rnd) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    byte[] h = header(rnd, 1);
    o.write(h, 0, h.length);
    int labels = 100 + rnd.nextInt(300);
    int len = 1 + rnd.nextInt(63);
    for (int i = 0; i < labels; i++) {
      o.write(len);
      for (int j = 0; j < len; j++) {
        o.write('a' + rnd.nextInt(26));
      }
    }
    o.write(0);
    o.write(new byte[] {0, 1, 0, 1}, 0, 4);
    return o.toByteArray();
  }
}
