package io.dcnet.l4lb.proxy;

import io.dcnet.l4lb.dataplane.DataPlaneTrafficContract;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.TrafficHarness;

/** The traffic contract on the portable NIO event loops (the fallback when epoll does not load). */
class ProxyNioTrafficContractTest extends DataPlaneTrafficContract {
  @Override
  protected L4DataPlane create(TrafficHarness env) {
    return new ProxyDataPlane(ProxyOptions.defaults().withPreferEpoll(false));
  }

  @Override
  protected TrafficHarness environment() {
    return new LoopbackHarness();
  }
}
