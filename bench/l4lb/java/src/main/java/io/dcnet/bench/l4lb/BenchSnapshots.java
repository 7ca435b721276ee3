package io.dcnet.bench.l4lb;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Synthetic VIP tables: service {@code i} is TCP {@code base + i} port {@code port}, with {@code
 * backends} destinations {@code 10.d.(i>>8).(i&255):(8000+d)}, weight 1 (every destination its own
 * address, as with container IPs: the largest hairpin set). Stateless.
 */
final class BenchSnapshots {
  private BenchSnapshots() {}

  static L4Snapshot loaded(int services, int backends, InetAddress base, int port) {
    TreeMap<ServiceKey, List<Destination>> out = new TreeMap<>();
    for (int i = 0; i < services; i++) {
      out.put(new ServiceKey(Protocol.TCP, offset(base, i), port), destinations(i, backends));
    }
    return new L4Snapshot(out);
  }

  static List<Destination> destinations(int i, int backends) {
    List<Destination> dests = new ArrayList<>();
    for (int d = 0; d < backends; d++) {
      byte[] a = {10, (byte) d, (byte) (i >> 8), (byte) i};
      dests.add(new Destination(address(a), 8000 + d, 1));
    }
    return dests;
  }

  /** {@code base + i} (IPv4). */
  static InetAddress offset(InetAddress base, int i) {
    byte[] b = base.getAddress();
    if (b.length != 4) {
      throw new IllegalArgumentException("vip base: " + base + " (expected: an IPv4 address)");
    }
    long v = ((b[0] & 0xffL) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff)) + i;
    return address(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
  }

  static InetAddress parseAddress(String text) {
    return IpLiterals.parse(text)
        .orElseThrow(
            () -> new IllegalArgumentException("address: " + text + " (expected: an IP literal)"));
  }

  /** {@code ADDR:PORT} or {@code [V6]:PORT}. */
  static Destination parseEndpoint(String text, int weight) {
    int colon = text.lastIndexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("endpoint: " + text + " (expected: ADDR:PORT)");
    }
    String host = text.substring(0, colon).replace("[", "").replace("]", "");
    return new Destination(parseAddress(host), Integer.parseInt(text.substring(colon + 1)), weight);
  }

  static InetAddress address(byte[] a) {
    try {
      return InetAddress.getByAddress(a);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
