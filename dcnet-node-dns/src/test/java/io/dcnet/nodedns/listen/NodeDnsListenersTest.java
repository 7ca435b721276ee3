package io.dcnet.nodedns.listen;

import static io.dcnet.nodedns.testing.DnsClient.query;
import static io.dcnet.nodedns.testing.DnsClient.udp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.dns.server.DnsServer;
import io.dcnet.dns.server.DnsServerOptions;
import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.nodedns.forward.ForwarderMetrics;
import io.dcnet.nodedns.route.NodeDnsRouter;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class NodeDnsListenersTest {
  private static InetAddress ip(String s) {
    return IpLiterals.parse(s).orElseThrow();
  }

  private static final DnsServerOptions OPTIONS =
      DnsServerOptions.defaults().withIoThreads(1).withUdpChannels(1);

  private static NodeDnsRouter router(NodeDnsConfig c) {
    return NodeDnsRouter.create(c, Map::of, List::of, List::of, new ForwarderMetrics());
  }

  @Test
  void oneServerPerInterfaceAddressAnsweringReady() throws Exception {
    NodeDnsConfig c =
        new NodeDnsConfig(
            List.of(),
            Map.of(),
            List.of(),
            List.of(ip("127.0.0.4")),
            "lo-test",
            0,
            0,
            NodeDnsConfig.defaults().loadBalance(),
            16,
            List.of(),
            Map.of(),
            "",
            NodeDnsConfig.defaults().upstreamTimeout(),
            NodeDnsConfig.defaults().forwardTimeout());
    Map<String, List<InetAddress>> ifaces =
        Map.of("lo-test", List.of(ip("127.0.0.2"), ip("127.0.0.3"), ip("127.0.0.4")));
    try (NodeDnsListeners l = NodeDnsListeners.start(c, router(c), OPTIONS, ifaces)) {
      assertThat(l.servers()).hasSize(2);
      for (DnsServer s : l.servers()) {
        assertThat(s.udpAddress().getAddress()).isIn(ip("127.0.0.2"), ip("127.0.0.3"));
        assertThat(udp(s.udpAddress(), query("ready.spartan", Type.A)).getSection(1)).hasSize(1);
      }
    }
  }

  @Test
  void nothingToBindIsAnError() {
    NodeDnsConfig c = NodeDnsConfig.defaults().withBind(List.of(), "spartan", 0);
    assertThatThrownBy(() -> NodeDnsListeners.start(c, router(c), OPTIONS, Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bind_interface: \"spartan\"");
  }
}
