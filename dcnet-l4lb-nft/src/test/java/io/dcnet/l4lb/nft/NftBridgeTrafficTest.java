package io.dcnet.l4lb.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Traffic from a container behind a bridge (the PREROUTING path): a "node" namespace with bridge
 * {@code br0} (10.210.0.1/24, fd00:210::1/64) and a "container" namespace attached by a veth pair
 * (10.210.0.2, fd00:210::2, default routes via the bridge). The container reaches a VIP served by
 * itself (hairpin, needs the masquerade) and a VIP served by a backend in the node; weights share
 * connections in proportion.
 */
@Tag("root")
class NftBridgeTrafficTest {
  private Netns node;
  private Netns container;
  private NetnsAgentProcess nodeAgent;
  private NetnsAgentProcess containerAgent;
  private NftDataPlane dp;

  @BeforeEach
  void setUp() throws Exception {
    node = Netns.create();
    container = Netns.create();
    node.ip("link", "add", "br0", "type", "bridge");
    node.ip("addr", "add", "10.210.0.1/24", "dev", "br0");
    node.ip("-6", "addr", "add", "fd00:210::1/64", "dev", "br0", "nodad");
    node.ip("link", "set", "br0", "up");
    node.ip(
        "link", "add", "vh0", "type", "veth", "peer", "name", "eth0", "netns", container.name());
    node.ip("link", "set", "vh0", "master", "br0", "up");
    // with br_netfilter (Docker hosts) a DNATed hairpin packet is bridged back out the port it came
    // in on, which the bridge allows only in hairpin mode (kubelet's hairpin-veth does the same)
    node.ip("link", "set", "vh0", "type", "bridge_slave", "hairpin", "on");
    node.runner().run("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    node.runner().run("sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
    node.ip("addr", "add", "10.200.0.1/32", "dev", "lo");
    container.ip("addr", "add", "10.210.0.2/24", "dev", "eth0");
    container.ip("-6", "addr", "add", "fd00:210::2/64", "dev", "eth0", "nodad");
    container.ip("link", "set", "eth0", "up");
    container.ip("route", "add", "default", "via", "10.210.0.1");
    container.ip("-6", "route", "add", "default", "via", "fd00:210::1");
    nodeAgent = NetnsAgentProcess.start(node.name());
    containerAgent = NetnsAgentProcess.start(container.name());
    dp = NftDataPlane.open(NftDataPlane.DEFAULT_TABLE, node.runner());
  }

  @AfterEach
  void tearDown() {
    try {
      if (dp != null) {
        dp.close();
      }
    } finally {
      for (AutoCloseable c : new AutoCloseable[] {containerAgent, nodeAgent, container, node}) {
        try {
          if (c != null) {
            c.close();
          }
        } catch (Exception e) {
          // keep closing the rest
        }
      }
    }
  }

  @Test
  void containerReachesItselfThroughItsVipIpv4AndIpv6() throws Exception {
    ServiceKey vip4 = key(Protocol.TCP, "11.0.0.1", 80);
    ServiceKey vip6 = key(Protocol.TCP, "fd01:c::1", 80);
    ServiceKey udp4 = key(Protocol.UDP, "11.0.0.1", 53);
    Destination self4 = backend(containerAgent, "self4", "10.210.0.2");
    Destination self6 = backend(containerAgent, "self6", "fd00:210::2");
    dp.sync(
        L4Snapshot.empty()
            .with(vip4, List.of(self4))
            .with(vip6, List.of(self6))
            .with(udp4, List.of(self4)));
    assertThat(call(containerAgent, "request tcp 11.0.0.1 80")).isEqualTo("ok self4");
    assertThat(call(containerAgent, "request tcp fd01:c::1 80")).isEqualTo("ok self6");
    assertThat(call(containerAgent, "request udp 11.0.0.1 53")).isEqualTo("ok self4");
  }

  @Test
  void hairpinAlsoWorksWhenBridgedTrafficIsRoutedWithoutBrNetfilter() throws Exception {
    node.ip("link", "set", "vh0", "type", "bridge_slave", "hairpin", "off");
    if (Files.exists(Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables"))) {
      node.runner().run("sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=0");
      node.runner().run("sysctl", "-q", "-w", "net.bridge.bridge-nf-call-ip6tables=0");
    }
    ServiceKey vip4 = key(Protocol.TCP, "11.0.0.1", 80);
    ServiceKey vip6 = key(Protocol.TCP, "fd01:c::1", 80);
    dp.sync(
        L4Snapshot.empty()
            .with(vip4, List.of(backend(containerAgent, "self4", "10.210.0.2")))
            .with(vip6, List.of(backend(containerAgent, "self6", "fd00:210::2"))));
    assertThat(call(containerAgent, "request tcp 11.0.0.1 80")).isEqualTo("ok self4");
    assertThat(call(containerAgent, "request tcp fd01:c::1 80")).isEqualTo("ok self6");
  }

  @Test
  void containerReachesABackendInTheNodeAndRejectsWithoutLiveBackends() throws Exception {
    ServiceKey vip = key(Protocol.TCP, "11.0.0.2", 80);
    Destination onNode = backend(nodeAgent, "node", "10.200.0.1");
    dp.sync(L4Snapshot.empty().with(vip, List.of(onNode)));
    assertThat(call(containerAgent, "request tcp 11.0.0.2 80")).isEqualTo("ok node");
    dp.sync(L4Snapshot.empty().with(vip, List.of(onNode.withWeight(0))));
    assertThat(call(containerAgent, "request tcp 11.0.0.2 80")).startsWith("none ");
  }

  @Test
  void weightsShareNewConnections() throws Exception {
    ServiceKey vip = key(Protocol.TCP, "11.0.0.3", 80);
    Destination light = backend(nodeAgent, "light", "10.200.0.1").withWeight(1);
    Destination heavy = backend(nodeAgent, "heavy", "10.200.0.1").withWeight(3);
    dp.sync(L4Snapshot.empty().with(vip, List.of(light, heavy)));
    int lights = 0;
    int heavies = 0;
    for (int i = 0; i < 200; i++) {
      String answer = call(containerAgent, "request tcp 11.0.0.3 80");
      if (answer.equals("ok light")) {
        lights++;
      } else if (answer.equals("ok heavy")) {
        heavies++;
      }
    }
    System.out.printf("weights 1:3 over 200 connections: light %d, heavy %d%n", lights, heavies);
    assertThat(lights + heavies).isEqualTo(200);
    // expected 50:150 (sd 6); both bounds are > 8 sd away
    assertThat(lights).isBetween(1, 99);
  }

  private static Destination backend(NetnsAgentProcess agent, String name, String addr)
      throws Exception {
    String answer = call(agent, "backend " + name + " " + addr);
    assertThat(answer).startsWith("ok ");
    return new Destination(
        IpLiterals.parse(addr).orElseThrow(), Integer.parseInt(answer.substring(3)), 1);
  }

  private static String call(NetnsAgentProcess agent, String command) throws Exception {
    return agent.call(command);
  }

  private static ServiceKey key(Protocol p, String ip, int port) {
    return new ServiceKey(p, IpLiterals.parse(ip).orElseThrow(), port);
  }
}
