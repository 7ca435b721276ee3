package io.dcnet.l4lb.proxy;

import io.dcnet.l4lb.dataplane.DataPlaneStateContract;
import io.dcnet.l4lb.dataplane.L4DataPlane;

/**
 * The state contract with the contract's own VIPs (11.0.x.y, fd01:c::x), which are not local on
 * this machine: with native epoll and {@code IP_FREEBIND} every listener binds anyway. No traffic
 * is sent to these addresses.
 */
class ProxyFreeBindStateTest extends DataPlaneStateContract {
  @Override
  protected L4DataPlane create() {
    ProxyDataPlane dp = ProxyDataPlane.create();
    if (!dp.usesEpoll()) {
      dp.close();
      throw new IllegalStateException("native epoll did not load: IP_FREEBIND needs it");
    }
    return dp;
  }
}
