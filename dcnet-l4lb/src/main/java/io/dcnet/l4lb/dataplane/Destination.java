package io.dcnet.l4lb.dataplane;

import io.dcnet.core.net.IpLiterals;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One real server behind a {@link ServiceKey}. Immutable.
 *
 * @param weight relative share of new connections; 0 = drained (no new connections, existing flows
 *     continue)
 */
public record Destination(InetAddress address, int port, int weight)
    implements Comparable<Destination> {
  /** The largest weight a data plane must accept. */
  public static final int MAX_WEIGHT = 1000;

  public Destination {
    Objects.requireNonNull(address, "address");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
    }
    if (weight < 0 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: 0-" + MAX_WEIGHT + ")");
    }
  }

  /** The same destination with another weight. */
  public Destination withWeight(int newWeight) {
    return new Destination(address, port, newWeight);
  }

  @Override
  public int compareTo(Destination o) {
    int c = AddressOrder.compare(address, o.address);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(port, o.port);
    return c != 0 ? c : Integer.compare(weight, o.weight);
  }

  @Override
  public String toString() {
    String a = IpLiterals.format(address);
    return (IpLiterals.isV6(address) ? "[" + a + "]" : a) + ":" + port + "*" + weight;
  }
}
