package io.dcnet.daemon;

import io.dcnet.dns.server.DnsServerOptions;
import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.nodedns.forward.ForwarderMetrics;
import io.dcnet.nodedns.listen.NodeDnsListeners;
import io.dcnet.nodedns.route.NodeDnsRouter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * A real node DNS for the tests: no zones and no upstreams, so it answers {@code ready.spartan}.
 */
final class ReadyNodeDns {
  private ReadyNodeDns() {}

  /** Node DNS listening on {@code ip}, on a free port. */
  static NodeDnsListeners start(String ip) throws UnknownHostException {
    NodeDnsConfig c = NodeDnsConfig.defaults().withBind(List.of(InetAddress.getByName(ip)), "", 0);
    return NodeDnsListeners.start(
        c,
        NodeDnsRouter.create(c, Map::of, List::of, List::of, new ForwarderMetrics()),
        DnsServerOptions.defaults().withIoThreads(1).withUdpChannels(1),
        Map.of());
  }
}
