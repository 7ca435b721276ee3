package io.dcnet.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * A tiny upstream DNS server for tests, UDP and TCP on one 127.0.0.1 port, answering every query
 * with one A record of a fixed address. Its threads end when it is closed.
 */
final class FakeUpstream implements AutoCloseable {
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final InetAddress answer;
  private final Thread udpThread;
  private final Thread tcpThread;
  private final AtomicInteger udpQueries = new AtomicInteger();
  private final AtomicInteger tcpQueries = new AtomicInteger();

  FakeUpstream(String answerIp) throws IOException {
    answer = InetAddress.getByName(answerIp);
    DatagramSocket u = null;
    ServerSocket t = null;
    for (int attempt = 0; attempt < 32 && t == null; attempt++) {
      u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try {
        t = new ServerSocket(u.getLocalPort(), 16, InetAddress.getLoopbackAddress());
      } catch (IOException taken) {
        u.close();
      }
    }
    if (t == null) {
      throw new IOException("no port free for both UDP and TCP on 127.0.0.1");
    }
    udp = u;
    tcp = t;
    udpThread = Thread.ofVirtual().start(this::serveUdp);
    tcpThread = Thread.ofVirtual().start(this::serveTcp);
  }

  private byte[] reply(byte[] query) throws IOException {
    Message q = new Message(query);
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.addRecord(q.getQuestion(), Section.QUESTION);
    r.addRecord(new ARecord(q.getQuestion().getName(), 1, 30, answer), Section.ANSWER);
    return r.toWire();
  }

  private void serveUdp() {
    byte[] buf = new byte[4096];
    while (!udp.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        udpQueries.incrementAndGet();
        byte[] wire = reply(Arrays.copyOf(p.getData(), p.getLength()));
        udp.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
      } catch (IOException e) {
        // closed, or a malformed query: the loop condition decides
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      try (Socket s = tcp.accept()) {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        tcpQueries.incrementAndGet();
        byte[] wire = reply(query);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeShort(wire.length);
        out.write(wire);
        out.flush();
      } catch (IOException e) {
        // closed, or a broken client: the loop condition decides
      }
    }
  }

  int port() {
    return udp.getLocalPort();
  }

  int udpQueries() {
    return udpQueries.get();
  }

  int tcpQueries() {
    return tcpQueries.get();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    udp.close();
    tcp.close();
    udpThread.join(5_000);
    tcpThread.join(5_000);
  }
}
