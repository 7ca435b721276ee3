package io.dcnet.nodedns.resolv;

import io.dcnet.dns.server.DnsServerOptions;
import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.nodedns.forward.ForwarderMetrics;
import io.dcnet.nodedns.listen.NodeDnsListeners;
import io.dcnet.nodedns.route.NodeDnsRouter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/** Real node DNS listeners for the resolv tests. */
final class ResolvTesting {
  private ResolvTesting() {}

  /** A node DNS (no zones, no upstreams: it answers {@code ready.spartan}) on {@code ip:port}. */
  static NodeDnsListeners nodeDns(String ip, int port) throws UnknownHostException {
    NodeDnsConfig c =
        NodeDnsConfig.defaults().withBind(List.of(InetAddress.getByName(ip)), "", port);
    return NodeDnsListeners.start(
        c,
        NodeDnsRouter.create(c, Map::of, List::of, List::of, new ForwarderMetrics()),
        DnsServerOptions.defaults().withIoThreads(1).withUdpChannels(1),
        Map.of());
  }

  static int port(NodeDnsListeners l) {
    return l.servers().get(0).udpAddress().getPort();
  }
}
