package io.dcnet.l4lb.nft;

import io.dcnet.core.net.IpLiterals;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A helper JVM that runs inside a network namespace ({@code ip netns exec NS java ... NetnsAgent})
 * for {@link NetnsTrafficHarness}: the test JVM cannot enter a namespace, so backends and clients
 * live here. Reads one command per line on standard input and answers one line on standard output:
 *
 * <pre>
 * backend NAME ADDR          -> ok PORT     TCP+UDP backend (TrafficHarness protocol) on ADDR:PORT
 * stop NAME                  -> ok
 * request tcp|udp ADDR PORT  -> ok NAME | none REASON
 * open ID ADDR PORT          -> ok NAME | none REASON   long-lived TCP flow
 * probe ID                   -> ok NAME | none REASON   one line over that flow
 * close ID                   -> ok
 * </pre>
 *
 * <p>Commands are handled one at a time on the main thread; backends use virtual threads. Exits
 * when standard input closes.
 */
public final class NetnsAgent {
  /** Marks answer lines (libraries may print other lines to standard output). */
  static final String PREFIX = "> ";

  private static final int TIMEOUT_MS = 2000;
  private static final int MAX_PORT_TRIES = 50;

  private final Map<String, Backend> backends = new HashMap<>();
  private final Map<String, Socket> flows = new HashMap<>();

  private NetnsAgent() {}

  public static void main(String[] args) throws IOException {
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    NetnsAgent agent = new NetnsAgent();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    out.println(PREFIX + "ready");
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String answer;
      try {
        answer = agent.handle(line.trim().split(" "));
      } catch (IOException | RuntimeException e) {
        answer =
            "none "
                + e.getClass().getSimpleName()
                + ":"
                + String.valueOf(e.getMessage()).replace('\n', ' ');
      }
      out.println(PREFIX + answer);
    }
    System.exit(0);
  }

  private String handle(String[] c) throws IOException {
    switch (c[0]) {
      case "backend":
        return "ok " + startBackend(c[1], literal(c[2]));
      case "stop":
        Backend b = backends.remove(c[1]);
        if (b != null) {
          b.close();
        }
        return "ok";
      case "request":
        InetSocketAddress to = new InetSocketAddress(literal(c[2]), Integer.parseInt(c[3]));
        return c[1].equals("udp") ? udpRequest(to) : tcpRequest(to);
      case "open":
        Socket s = connect(new InetSocketAddress(literal(c[2]), Integer.parseInt(c[3])));
        flows.put(c[1], s);
        return "ok " + readLine(s);
      case "probe":
        Socket f = flows.get(c[1]);
        f.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
        return "ok " + readLine(f);
      case "close":
        Socket old = flows.remove(c[1]);
        if (old != null) {
          old.close();
        }
        return "ok";
      default:
        return "none unknown-command:" + c[0];
    }
  }

  private int startBackend(String name, InetAddress addr) throws IOException {
    for (int i = 0; i < MAX_PORT_TRIES; i++) {
      ServerSocket tcp = new ServerSocket();
      tcp.bind(new InetSocketAddress(addr, 0));
      DatagramSocket udp;
      try {
        udp = new DatagramSocket(new InetSocketAddress(addr, tcp.getLocalPort()));
      } catch (IOException e) {
        tcp.close();
        continue;
      }
      Backend b = new Backend(name, tcp, udp);
      backends.put(name, b);
      Thread.ofVirtual().start(b::acceptLoop);
      Thread.ofVirtual().start(b::udpLoop);
      return tcp.getLocalPort();
    }
    throw new IOException("no port free for both TCP and UDP on " + addr);
  }

  private static String tcpRequest(InetSocketAddress to) {
    try (Socket s = connect(to)) {
      return "ok " + readLine(s);
    } catch (IOException e) {
      return "none " + e.getClass().getSimpleName();
    }
  }

  private static String udpRequest(InetSocketAddress to) {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(TIMEOUT_MS);
      s.connect(to);
      s.send(new DatagramPacket(new byte[] {'?'}, 1));
      DatagramPacket p = new DatagramPacket(new byte[512], 512);
      s.receive(p);
      return "ok " + new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "none " + e.getClass().getSimpleName();
    }
  }

  private static InetAddress literal(String text) {
    return IpLiterals.parse(text)
        .orElseThrow(
            () -> new IllegalArgumentException("address: " + text + " (expected: an IP literal)"));
  }

  private static Socket connect(InetSocketAddress to) throws IOException {
    Socket s = new Socket();
    try {
      s.connect(to, TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  private static String readLine(Socket s) throws IOException {
    StringBuilder sb = new StringBuilder();
    var in = s.getInputStream();
    for (int ch = in.read(); ch != '\n'; ch = in.read()) {
      if (ch < 0) {
        throw new IOException("closed before a full line");
      }
      if (sb.length() > 256) {
        throw new IOException("line too long");
      }
      sb.append((char) ch);
    }
    return sb.toString();
  }

  /** One named TCP+UDP backend. */
  private record Backend(String name, ServerSocket tcp, DatagramSocket udp) {
    void acceptLoop() {
      while (!tcp.isClosed()) {
        try {
          Socket c = tcp.accept();
          Thread.ofVirtual().start(() -> serve(c));
        } catch (IOException e) {
          return;
        }
      }
    }

    void serve(Socket c) {
      byte[] answer = (name + "\n").getBytes(StandardCharsets.UTF_8);
      try (c) {
        OutputStream out = c.getOutputStream();
        out.write(answer);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
        while (in.readLine() != null) {
          out.write(answer);
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    void udpLoop() {
      byte[] answer = name.getBytes(StandardCharsets.UTF_8);
      DatagramPacket p = new DatagramPacket(new byte[512], 512);
      while (!udp.isClosed()) {
        try {
          udp.receive(p);
          udp.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
        } catch (IOException e) {
          return;
        }
      }
    }

    void close() throws IOException {
      tcp.close();
      udp.close();
    }
  }
}
