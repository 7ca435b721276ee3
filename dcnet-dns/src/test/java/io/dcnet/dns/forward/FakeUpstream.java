package io.dcnet.dns.forward;

import io.dcnet.dns.server.DnsProtocol;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A tiny upstream resolver for tests: UDP and TCP on the same loopback port, answering with a
 * scripted function of (query bytes, protocol). A null answer means no reply (UDP) or closing the
 * connection (TCP). Records every query it receives.
 */
final class FakeUpstream implements AutoCloseable {
  @SuppressWarnings("ArrayRecordComponent") // test capture, compared by content explicitly
  record Received(DnsProtocol protocol, byte[] wire) {}

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final BiFunction<byte[], DnsProtocol, byte[]> script;
  final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private final Thread udpThread;
  private final Thread tcpThread;

  FakeUpstream(BiFunction<byte[], DnsProtocol, byte[]> script) throws IOException {
    this.script = script;
    InetAddress lo = InetAddress.getLoopbackAddress();
    DatagramSocket u = null;
    ServerSocket t = null;
    for (int attempt = 0; attempt < 20 && t == null; attempt++) {
      u = new DatagramSocket(new InetSocketAddress(lo, 0));
      try {
        t = new ServerSocket(u.getLocalPort(), 50, lo);
      } catch (IOException e) {
        u.close();
      }
    }
    if (t == null) {
      throw new IOException("no free port for a UDP+TCP pair");
    }
    this.udp = u;
    this.tcp = t;
    udp.setSoTimeout(100);
    tcp.setSoTimeout(100);
    udpThread = Thread.ofPlatform().daemon().name("fake-upstream-udp").start(this::serveUdp);
    tcpThread = Thread.ofPlatform().daemon().name("fake-upstream-tcp").start(this::serveTcp);
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort());
  }

  long count(DnsProtocol p) {
    return received.stream().filter(r -> r.protocol() == p).count();
  }

  private void serveUdp() {
    byte[] buf = new byte[65535];
    while (running) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return;
      }
      byte[] q = Arrays.copyOf(buf, p.getLength());
      received.add(new Received(DnsProtocol.UDP, q));
      byte[] reply = script.apply(q, DnsProtocol.UDP);
      if (reply != null) {
        try {
          udp.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        } catch (IOException e) {
          return;
        }
      }
    }
  }

  private void serveTcp() {
    while (running) {
      try (Socket s = tcp.accept()) {
        s.setSoTimeout(2000);
        DataInputStream in = new DataInputStream(s.getInputStream());
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        int len = in.readUnsignedShort();
        byte[] q = new byte[len];
        in.readFully(q);
        received.add(new Received(DnsProtocol.TCP, q));
        byte[] reply = script.apply(q, DnsProtocol.TCP);
        if (reply != null) {
          out.writeShort(reply.length);
          out.write(reply);
          out.flush();
        }
      } catch (SocketTimeoutException e) {
        // no connection yet: check running and accept again
      } catch (IOException e) {
        if (!running) {
          return;
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing anyway
    }
    udpThread.join(2000);
    tcpThread.join(2000);
  }
}
