package io.dcnet.l4lb.proxy;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.dataplane.TrafficHarness;
import io.dcnet.l4lb.model.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The userspace proxy's traffic environment: backends are in-process {@link LoopbackBackend}s on
 * 127.0.0.1 or ::1, VIPs are 127.0.100.{1..10} and ::1 (loopback addresses are local, so the proxy
 * binds them directly), clients are plain sockets of this process. Thread-safe.
 */
final class LoopbackHarness implements TrafficHarness {
  private static final int TIMEOUT_MS = 2000;

  private final Map<String, LoopbackBackend> backends = new ConcurrentHashMap<>();

  @Override
  public InetAddress vip4(int i) {
    return address(new byte[] {127, 0, 100, (byte) (i + 1)});
  }

  @Override
  public InetAddress vip6(int i) {
    return address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  }

  @Override
  public Destination startBackend(String name, boolean ipv6, int weight) throws IOException {
    InetAddress at =
        ipv6
            ? address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
            : address(new byte[] {127, 0, 0, 1});
    LoopbackBackend b = new LoopbackBackend(name, at);
    LoopbackBackend old = backends.put(name, b);
    if (old != null) {
      old.close();
    }
    return new Destination(at, b.port(), weight);
  }

  @Override
  public void stopBackend(String name) throws IOException {
    LoopbackBackend b = backends.remove(name);
    if (b != null) {
      b.close();
    }
  }

  @Override
  public Optional<String> request(ServiceKey service) throws IOException {
    InetSocketAddress to = new InetSocketAddress(service.address(), service.port());
    if (service.protocol() == Protocol.UDP) {
      try (DatagramSocket s = new DatagramSocket()) {
        s.setSoTimeout(TIMEOUT_MS);
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(hello, hello.length, to));
        DatagramPacket reply = new DatagramPacket(new byte[512], 512);
        s.receive(reply);
        return Optional.of(
            new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    try (Socket s = new Socket()) {
      s.connect(to, TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      return Optional.ofNullable(in.readLine());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public Flow open(ServiceKey service) throws IOException {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(service.address(), service.port()), TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      String name = in.readLine();
      if (name == null) {
        throw new IOException(service + ": closed before the backend answered");
      }
      return new LineFlow(s, in, name);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    for (String name : backends.keySet()) {
      stopBackend(name);
    }
  }

  private static InetAddress address(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A long-lived connection speaking the line protocol. */
  private record LineFlow(Socket socket, BufferedReader in, String backend) implements Flow {
    @Override
    public boolean stillServed() throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write("ping\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      return backend.equals(in.readLine());
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
