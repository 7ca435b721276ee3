package io.dcnet.l4lb.proxy;

import io.dcnet.l4lb.dataplane.DataPlaneStateContract;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The state contract with local VIPs: 127.77.x.y for IPv4 and ::1 for every IPv6 VIP (the
 * contract's IPv6 services differ by port, so they do not collide on ::1). Ports below 1024 need
 * root or CAP_NET_BIND_SERVICE, as in CI.
 */
class ProxyStateContractTest extends DataPlaneStateContract {
  @Override
  protected L4DataPlane create() {
    return ProxyDataPlane.create();
  }

  @Override
  protected InetAddress vip4(int i) {
    return address(new byte[] {127, 77, (byte) (i >> 8), (byte) i});
  }

  @Override
  protected InetAddress vip6(int i) {
    return address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  }

  private static InetAddress address(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
