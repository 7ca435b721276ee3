package io.dcnet.nodedns.listen;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.nodedns.config.NodeDnsConfig;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindAddressSelectorTest {
  private static InetAddress ip(String s) {
    return IpLiterals.parse(s).orElseThrow();
  }

  private static final Map<String, List<InetAddress>> IFACES = new LinkedHashMap<>();

  static {
    IFACES.put("lo", List.of(ip("127.0.0.1"), ip("::1")));
    IFACES.put("eth0", List.of(ip("10.0.0.5"), ip("fe80::1"), ip("169.254.1.1")));
    IFACES.put("spartan", List.of(ip("198.51.100.1"), ip("198.51.100.2"), ip("198.51.100.3")));
    IFACES.put("k8s", List.of(ip("198.51.100.4")));
  }

  @Test
  void masterBindsEverythingButLinkLocalAndBlacklist() {
    NodeDnsConfig c = NodeDnsConfig.defaults();
    assertThat(BindAddressSelector.select(c, IFACES))
        .containsExactly(
            ip("127.0.0.1"),
            ip("::1"),
            ip("10.0.0.5"),
            ip("198.51.100.1"),
            ip("198.51.100.2"),
            ip("198.51.100.3"));
  }

  @Test
  void agentBindsTheSpartanInterface() {
    NodeDnsConfig c = NodeDnsConfig.defaults().withBind(List.of(), "spartan", 53);
    assertThat(BindAddressSelector.select(c, IFACES))
        .containsExactly(ip("198.51.100.1"), ip("198.51.100.2"), ip("198.51.100.3"));
  }

  @Test
  void explicitIpsWinAndAreFiltered() {
    NodeDnsConfig c =
        NodeDnsConfig.defaults()
            .withBind(List.of(ip("10.9.9.9"), ip("198.51.100.4")), "spartan", 53);
    assertThat(BindAddressSelector.select(c, IFACES)).containsExactly(ip("10.9.9.9"));
  }

  @Test
  void systemInterfacesIncludeLoopback() throws Exception {
    assertThat(BindAddressSelector.systemInterfaces().values().stream().flatMap(List::stream))
        .anyMatch(InetAddress::isLoopbackAddress);
  }
}
