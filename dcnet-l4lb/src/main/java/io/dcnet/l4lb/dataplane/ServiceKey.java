package io.dcnet.l4lb.dataplane;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.model.Protocol;
import java.net.InetAddress;
import java.util.Objects;

/** One virtual service a data plane installs: protocol, VIP address and port. Immutable. */
public record ServiceKey(Protocol protocol, InetAddress address, int port)
    implements Comparable<ServiceKey> {

  public ServiceKey {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(address, "address");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
    }
  }

  /** True for an IPv6 VIP. */
  public boolean isV6() {
    return IpLiterals.isV6(address);
  }

  @Override
  public int compareTo(ServiceKey o) {
    int c = AddressOrder.compare(address, o.address);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(port, o.port);
    return c != 0 ? c : protocol.compareTo(o.protocol);
  }

  @Override
  public String toString() {
    String a = IpLiterals.format(address);
    return protocol.wireName() + "://" + (isV6() ? "[" + a + "]" : a) + ":" + port;
  }
}
