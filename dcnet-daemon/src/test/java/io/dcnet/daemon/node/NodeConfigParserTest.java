package io.dcnet.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.net.HostPort;
import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.state.NodeRole;
import io.dcnet.state.TlsSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeConfigParserTest {
  private static final String MIN =
      "{\"cluster_id\": \"c0ffee\", \"ip\": \"10.0.0.5\", \"masters\": [\"10.0.0.1\", \"10.0.0.2\"]";

  private static NodeConfig parse(String json) throws NodeConfigException {
    return NodeConfigParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void defaults() throws Exception {
    NodeConfig c = parse(MIN + "}");
    assertThat(c.nodeId()).isEqualTo("10.0.0.5");
    assertThat(c.statePort()).isEqualTo(62501);
    assertThat(c.seeds()).containsExactly("10.0.0.1:62501", "10.0.0.2:62501");
    assertThat(c.masterIps()).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(c.stateDir()).isEqualTo(Path.of("/var/lib/dcnet/state"));
    assertThat(c.tls()).isNull();
    assertThat(c.unreachableRemoval()).isEqualTo(Duration.ofSeconds(180));
    assertThat(c.mesosUrlOrDefault()).isEqualTo(URI.create("http://10.0.0.5:5050/"));
    assertThat(c.mesosDnsAxfrUrl()).isEqualTo(URI.create("http://127.0.0.1:8123/v1/axfr"));
    assertThat(c.restBind()).isEqualTo(new InetSocketAddress("127.0.0.1", 62080));
    NodeDnsConfig agent = c.dnsFor(NodeRole.AGENT);
    assertThat(agent.bindInterface()).isEqualTo("spartan");
    assertThat(agent.udpPort()).isEqualTo(53);
    assertThat(agent.mesosResolvers())
        .containsExactly(
            new InetSocketAddress("10.0.0.1", 61053), new InetSocketAddress("10.0.0.2", 61053));
    NodeDnsConfig master = c.dnsFor(NodeRole.MASTER);
    assertThat(master.bindInterface()).isEmpty();
    assertThat(master.bindIps()).isEmpty();
  }

  @Test
  void everyKey() throws Exception {
    NodeConfig c =
        parse(
            MIN
                + ", \"node_id\": \"agent-1\", \"state_port\": 7000, \"state_dir\": \"/tmp/s\","
                + " \"tls_dir\": \"/etc/dcnet/tls\", \"unreachable_removal_seconds\": 30,"
                + " \"mesos_url\": \"http://10.0.0.5:5050\", \"mesos_dns_axfr_url\": \"\","
                + " \"rest_bind\": \"127.0.0.1:9999\","
                + " \"dns\": {\"bind_ips\": [\"10.0.0.5\"], \"udp_port\": 5353, \"tcp_port\": 5353,"
                + " \"upstream_resolvers\": [\"10.0.0.2\"],"
                + " \"mesos_resolvers\": [\"10.0.0.1:61053\"]}}");
    assertThat(c.nodeId()).isEqualTo("agent-1");
    assertThat(c.masters())
        .containsExactly(new HostPort("10.0.0.1", 7000), new HostPort("10.0.0.2", 7000));
    assertThat(c.tls()).isEqualTo(TlsSettings.inDirectory(Path.of("/etc/dcnet/tls")));
    assertThat(c.mesosDnsAxfrUrl()).isNull();
    assertThat(c.restBind().getPort()).isEqualTo(9999);
    NodeDnsConfig agent = c.dnsFor(NodeRole.AGENT);
    assertThat(agent.bindIps()).containsExactly(InetAddress.getByName("10.0.0.5"));
    assertThat(agent.bindInterface()).isEmpty();
    assertThat(agent.udpPort()).isEqualTo(5353);
    assertThat(agent.mesosResolvers()).containsExactly(new InetSocketAddress("10.0.0.1", 61053));
  }

  @Test
  void l4lbDefaultsAndEveryKey() throws Exception {
    NodeConfig d = parse(MIN + "}");
    assertThat(d.l4lb()).isEqualTo(L4lbConfig.defaults());
    assertThat(d.agentUrlOrDefault()).isEqualTo(URI.create("http://10.0.0.5:5051/"));
    assertThat(d.zookeeperOrDefault()).isEqualTo("10.0.0.1:2181,10.0.0.2:2181");
    NodeConfig c =
        parse(
            MIN
                + ", \"l4lb\": {\"enabled\": false, \"data_plane\": \"userspace\","
                + " \"agent_url\": \"http://127.0.0.1:5051/\", \"agent_poll_interval_seconds\": 5,"
                + " \"enable_ipv6\": false, \"min_named_ip\": \"11.1.0.0\","
                + " \"max_named_ip\": \"11.1.255.255\", \"min_named_ip6\": \"fd01:d::\","
                + " \"max_named_ip6\": \"fd01:d::ffff\", \"zookeeper\": \"10.0.0.9:2181/dcnet\","
                + " \"name_grace_seconds\": 60, \"reconcile_seconds\": 10,"
                + " \"nft_table\": \"lb\"}}");
    L4lbConfig l = c.l4lb();
    assertThat(l.enabled()).isFalse();
    assertThat(l.dataPlane()).isEqualTo(L4lbConfig.USERSPACE);
    assertThat(c.agentUrlOrDefault()).isEqualTo(URI.create("http://127.0.0.1:5051/"));
    assertThat(l.agentPollInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(l.enableIpv6()).isFalse();
    assertThat(List.of(l.minNamedIp(), l.maxNamedIp(), l.minNamedIp6(), l.maxNamedIp6()))
        .containsExactly("11.1.0.0", "11.1.255.255", "fd01:d::", "fd01:d::ffff");
    assertThat(c.zookeeperOrDefault()).isEqualTo("10.0.0.9:2181/dcnet");
    assertThat(l.nameGrace()).isEqualTo(Duration.ofSeconds(60));
    assertThat(l.reconcileInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(l.nftTable()).isEqualTo("lb");
  }

  @Test
  void mastersMayCarryTheirStatePort() throws Exception {
    NodeConfig c =
        parse(
            "{\"cluster_id\": \"c1\", \"ip\": \"127.0.0.22\", \"state_port\": 0,"
                + " \"masters\": [\"127.0.0.21:7000\", \"[::1]:7001\"]}");
    assertThat(c.seeds()).containsExactly("127.0.0.21:7000", "[::1]:7001");
    assertThat(c.masterIps()).containsExactly("127.0.0.21", "::1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'{}'|cluster_id: missing",
        "'{\"cluster_id\": \"c1\", \"masters\": [\"10.0.0.1\"]}'|ip: missing",
        "'{\"cluster_id\": \"c1\", \"ip\": \"10.0.0.5\"}'|masters: missing",
        "'[1]'|config: not an object",
        "'{\"cluster_id\": '|config: malformed JSON",
        "'{\"cluster_id\": \"a b\"}'|cluster_id: \"a b\" (expected: 1-48 letters",
        "'{\"ip\": \"host\"}'|ip: \"host\" (expected: this node's IP address",
        "'{\"masters\": []}'|masters: [] (expected: a non-empty list of master IPs)",
        "'{\"state_port\": 70000}'|state_port: 70000 (expected: a port 0-65535)",
        "'{\"state_port\": \"1\"}'|state_port: \"1\" (expected: a port 0-65535)",
        "'{\"unreachable_removal_seconds\": 0}'|unreachable_removal_seconds: 0 (expected: seconds",
        "'{\"mesos_url\": \"ftp://x\"}'|mesos_url: \"ftp://x\" (expected: an http:// URL)",
        "'{\"rest_bind\": \"localhost\"}'|rest_bind: \"localhost\" (expected: ip:port",
        "'{\"dns\": {\"udp_port\": -1}}'|dns: udp_port",
        "'{\"dns\": {\"bogus\": 1}}'|dns: bogus",
        "'{\"dns\": 5}'|dns: 5 (expected: a dcos-dns.json object)",
        "'{\"node_id\": \"a b\"}'|node_id: \"a b\" (expected: 1-100 letters",
        "'{\"clusterId\": \"x\"}'|clusterId: unknown key (expected one of: cluster_id,",
        "'{\"l4lb\": 1}'|l4lb: 1 (expected: an object with keys enabled,",
        "'{\"l4lb\": {\"data_plane\": \"ipvs\"}}'|l4lb.data_plane: \"ipvs\" (expected: auto,",
        "'{\"l4lb\": {\"min_named_ip\": \"fd01::\"}}'|l4lb.min_named_ip: \"fd01::\" (expected: an IPv4",
        "'{\"l4lb\": {\"max_named_ip6\": \"11.0.0.1\"}}'|l4lb.max_named_ip6: \"11.0.0.1\" (expected: an IPv6",
        "'{\"l4lb\": {\"min_named_ip\": \"12.0.0.0\"}}'|l4lb.min_named_ip: 12.0.0.0 (expected: below l4lb.max_named_ip",
        "'{\"l4lb\": {\"agent_poll_interval_seconds\": 0}}'|l4lb.agent_poll_interval_seconds: 0 (expected: seconds, 1-60)",
        "'{\"l4lb\": {\"zookeeper\": \"a b\"}}'|l4lb.zookeeper: \"a b\" (expected: host:port",
        "'{\"l4lb\": {\"nft_table\": \"x y\"}}'|l4lb.nft_table: \"x y\" (expected: 1-32 letters",
        "'{\"l4lb\": {\"enabled\": \"yes\"}}'|l4lb.enabled: \"yes\" (expected: true or false)",
        "'{\"l4lb\": {\"vip_range\": 1}}'|l4lb.vip_range: unknown key (expected one of: enabled,",
      })
  void malformedConfigsNameTheKey(String json, String message) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(NodeConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aMasterWithoutPortNeedsAStatePort() {
    assertThatThrownBy(() -> parse(MIN + ", \"state_port\": 0}"))
        .hasMessage("masters: 10.0.0.1 (expected: ip:port when state_port is 0)");
    assertThatThrownBy(() -> parse(MIN.replace("\"10.0.0.2\"", "\"10.0.0.2:0\"") + "}"))
        .hasMessage("masters: 10.0.0.2:0 (expected: a master IP, or ip:port with port 1-65535)");
  }
}
