package io.dcnet.l4lb.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP+UDP backend on loopback speaking the {@code TrafficHarness} protocol: a TCP connection gets
 * the name and a newline on accept and for every line read; a datagram gets the name. Virtual
 * threads per socket. Thread-safe.
 */
final class LoopbackBackend implements AutoCloseable {
  private static final int PORT_TRIES = 50;

  private final String name;
  private final ServerSocket tcp;
  private final DatagramSocket udp;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  LoopbackBackend(String name, InetAddress address) throws IOException {
    this.name = name;
    ServerSocket t = null;
    DatagramSocket u = null;
    for (int i = 0; i < PORT_TRIES && u == null; i++) {
      t = new ServerSocket();
      t.bind(new InetSocketAddress(address, 0));
      try {
        u = new DatagramSocket(new InetSocketAddress(address, t.getLocalPort()));
      } catch (BindException e) {
        t.close();
      }
    }
    if (u == null) {
      throw new IOException("no port free for both TCP and UDP after " + PORT_TRIES + " tries");
    }
    this.tcp = t;
    this.udp = u;
    Thread.ofVirtual().name("backend-" + name + "-tcp").start(this::acceptLoop);
    Thread.ofVirtual().name("backend-" + name + "-udp").start(this::udpLoop);
  }

  int port() {
    return tcp.getLocalPort();
  }

  InetAddress address() {
    return tcp.getInetAddress();
  }

  private void acceptLoop() {
    while (!tcp.isClosed()) {
      try {
        Socket s = tcp.accept();
        open.add(s);
        Thread.ofVirtual().start(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    byte[] answer = (name + "\n").getBytes(StandardCharsets.UTF_8);
    try (s;
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
      OutputStream out = s.getOutputStream();
      out.write(answer);
      out.flush();
      while (in.readLine() != null) {
        out.write(answer);
        out.flush();
      }
    } catch (IOException e) {
      // client went away
    } finally {
      open.remove(s);
    }
  }

  private void udpLoop() {
    byte[] buf = new byte[2048];
    byte[] answer = name.getBytes(StandardCharsets.UTF_8);
    while (!udp.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        udp.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
      } catch (SocketException e) {
        return;
      } catch (IOException e) {
        // a failed send to one client; keep serving
      }
    }
  }

  @Override
  public void close() throws IOException {
    tcp.close();
    udp.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
