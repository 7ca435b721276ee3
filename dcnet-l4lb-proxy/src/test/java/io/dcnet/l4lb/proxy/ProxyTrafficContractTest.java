package io.dcnet.l4lb.proxy;

import io.dcnet.l4lb.dataplane.DataPlaneTrafficContract;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.TrafficHarness;

/** The traffic contract over loopback: real sockets through the proxy to in-process backends. */
class ProxyTrafficContractTest extends DataPlaneTrafficContract {
  @Override
  protected L4DataPlane create(TrafficHarness env) {
    return ProxyDataPlane.create();
  }

  @Override
  protected TrafficHarness environment() {
    return new LoopbackHarness();
  }
}
