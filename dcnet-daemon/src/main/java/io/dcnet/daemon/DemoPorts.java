package io.dcnet.daemon;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

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

  /** The first of {@code preferred} (values &gt; 0) that is free on {@code ip}, else a free one. */
  static int freeOr(String ip, boolean udpToo, int... preferred) throws IOException {
    for (int p : preferred) {
      if (p > 0 && isFree(ip, p, udpToo)) {
        return p;
      }
    }
    return free(ip, udpToo);
  }

  /** An ephemeral port that TCP (and UDP when {@code udpToo}) can bind on {@code ip}. */
  static int free(String ip, boolean udpToo) throws IOException {
    InetAddress addr = InetAddress.getByName(ip);
    for (int i = 0; i < PROBES; i++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, addr)) {
        port = s.getLocalPort();
      }
      if (isFree(ip, port, udpToo)) {
        return port;
      }
    }
    throw new IOException("no free port on " + ip + " after " + PROBES + " probes");
  }
}
