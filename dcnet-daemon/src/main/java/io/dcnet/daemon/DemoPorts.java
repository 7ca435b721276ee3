package io.dcnet.daemon;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Port choice for the demo: a preferred port when it can be bound, else a free one. A probe closes
 * its sockets before returning, so another process may still take the port in between (the demo's
 * wait then names the node that failed to bind).
 *
 * <p>Stateless; thread-safe.
 */
final class DemoPorts {
  private static final int PROBES = 50;

  private DemoPorts() {}

  /** True if TCP (and UDP when {@code udpToo}) can bind {@code ip:port} right now. */
  static boolean isFree(String ip, int port, boolean udpToo) {
    try {
      InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(ip), port);
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.setReuseAddress(true);
        tcp.bind(a);
        if (udpToo) {
          try (DatagramSocket udp = new DatagramSocket(a)) {
            return udp.isBound();
          }
        }
        return true;
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** A node's three ports on one address, all different. */
  record NodePorts(int state, int dns, int rest) {}

  /**
   * Three different ports for a node on {@code ip}: state (TCP), DNS (TCP and UDP) and REST (TCP),
   * each the first free one of its preferred ports (values &gt; 0), else a free one. Probing one
   * port after the other could otherwise hand out the same ephemeral port twice, since each probe
   * closes its sockets.
   */
  static NodePorts forNode(String ip, int statePreferred, int[] dnsPreferred, int restPreferred)
      throws IOException {
    Set<Integer> taken = new HashSet<>();
    int state = freeOr(ip, false, taken, statePreferred);
    taken.add(state);
    int dns = freeOr(ip, true, taken, dnsPreferred);
    taken.add(dns);
    int rest = freeOr(ip, false, taken, restPreferred);
    return new NodePorts(state, dns, rest);
  }

  private static int freeOr(String ip, boolean udpToo, Set<Integer> taken, int... preferred)
      throws IOException {
    for (int p : preferred) {
      if (p > 0 && !taken.contains(p) && isFree(ip, p, udpToo)) {
        return p;
      }
    }
    return free(ip, udpToo, taken);
  }

  /** An ephemeral port that TCP (and UDP when {@code udpToo}) can bind on {@code ip}. */
  static int free(String ip, boolean udpToo) throws IOException {
    return free(ip, udpToo, Set.of());
  }

  private static int free(String ip, boolean udpToo, Set<Integer> taken) throws IOException {
    InetAddress addr = InetAddress.getByName(ip);
    for (int i = 0; i < PROBES; i++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, addr)) {
        port = s.getLocalPort();
      }
      if (!taken.contains(port) && isFree(ip, port, udpToo)) {
        return port;
      }
    }
    throw new IOException("no free port on " + ip + " after " + PROBES + " probes");
  }
}
