package io.dcnet.nodedns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.dns.ZoneRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeDnsConfigLoaderTest {
  private static NodeDnsConfig parse(String json) throws NodeDnsConfigException {
    return NodeDnsConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void rejects(String json, String message) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(NodeDnsConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void dcosAgentFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("dcos-dns.json");
    Files.writeString(
        f,
        """
        {"upstream_resolvers": ["10.0.0.2", "10.0.0.3:5353", "[fd00::1]:53"],
         "forward_zones": {"corp.example.": ["10.1.0.1"], "Sub.Corp.Example": ["10.1.0.2:54"]},
         "bind_interface": "spartan", "bind_ip_blacklist": ["10.0.0.9"],
         "udp_port": 53, "tcp_port": 53,
         "loadbalance": "random", "handler_limit": 64,
         "mesos_resolvers": ["10.0.5.1", "10.0.5.2:5353"],
         "zones": {"component.thisdcos.directory":
             [{"type": "cname", "name": "registry", "value": "master.dcos.thisdcos.directory"}]},
         "crypto_id": "ybndrfg8", "upstream_timeout_ms": 250, "forward_timeout_ms": 900}
        """);
    NodeDnsConfig c = NodeDnsConfigLoader.load(f);
    assertThat(c.upstreamResolvers())
        .containsExactly(
            new InetSocketAddress("10.0.0.2", 53),
            new InetSocketAddress("10.0.0.3", 5353),
            new InetSocketAddress("fd00::1", 53));
    assertThat(c.forwardZones()).containsOnlyKeys("corp.example", "sub.corp.example");
    assertThat(c.forwardZones().get("sub.corp.example"))
        .containsExactly(new InetSocketAddress("10.1.0.2", 54));
    assertThat(c.bindInterface()).isEqualTo("spartan");
    assertThat(c.bindIpBlacklist())
        .containsExactlyInAnyOrder(
            InetAddress.getByName("10.0.0.9"), NodeDnsConfig.RESERVED_BLACKLISTED);
    assertThat(c.udpPort()).isEqualTo(53);
    assertThat(c.loadBalance()).isEqualTo(LoadBalance.RANDOM);
    assertThat(c.handlerLimit()).isEqualTo(64);
    assertThat(c.mesosResolvers())
        .containsExactly(
            new InetSocketAddress("10.0.5.1", 61053), new InetSocketAddress("10.0.5.2", 5353));
    assertThat(c.zones().get("component.thisdcos.directory").records())
        .containsEntry(
            "registry.component.thisdcos.directory",
            List.of(new ZoneRecord.Cname("master.dcos.thisdcos.directory")));
    assertThat(c.cryptoId()).isEqualTo("ybndrfg8");
    assertThat(c.upstreamTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.forwardTimeout()).isEqualTo(Duration.ofMillis(900));
  }

  @Test
  void defaults() throws Exception {
    NodeDnsConfig c = parse("{}");
    assertThat(c).isEqualTo(NodeDnsConfig.defaults());
    assertThat(c.handlerLimit()).isEqualTo(1024);
    assertThat(c.loadBalance()).isEqualTo(LoadBalance.ROUND_ROBIN);
    assertThat(c.bindIpBlacklist()).containsExactly(NodeDnsConfig.RESERVED_BLACKLISTED);
    assertThat(c.upstreamTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.forwardTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void onePortGivenServesBoth() throws Exception {
    assertThat(parse("{\"tcp_port\": 5454}").udpPort()).isEqualTo(5454);
    assertThat(parse("{\"udp_port\": 5454}").tcpPort()).isEqualTo(5454);
  }

  @Test
  void rejectsBadInput() {
    rejects("[]", "expected: a JSON object");
    rejects("{", "malformed JSON");
    rejects("{\"enable_dns\": true}", "enable_dns: unknown key");
    rejects("{\"udp_port\": 70000}", "udp_port: 70000 (expected: an integer 0-65535)");
    rejects("{\"udp_port\": \"53\"}", "udp_port: \"53\"");
    rejects(
        "{\"udp_port\": 53, \"tcp_port\": 54}", "tcp_port: 54 (expected: equal to udp_port 53)");
    rejects("{\"upstream_resolvers\": [\"dns.google\"]}", "upstream_resolvers: \"dns.google\"");
    rejects(
        "{\"upstream_resolvers\": \"8.8.8.8\"}",
        "upstream_resolvers: \"8.8.8.8\" (expected: an array");
    rejects("{\"upstream_resolvers\": [\"8.8.8.8:99999\"]}", "upstream_resolvers");
    rejects("{\"forward_zones\": {\"bad zone\": [\"1.1.1.1\"]}}", "forward_zones: \"bad zone\"");
    rejects("{\"bind_ips\": [\"eth0\"]}", "bind_ips: \"eth0\" (expected: an array of IP literals");
    rejects(
        "{\"loadbalance\": \"weighted\"}",
        "loadbalance: \"weighted\" (expected: round_robin, random or none)");
    rejects("{\"handler_limit\": 0}", "handler_limit: 0");
    rejects("{\"crypto_id\": \"NOT-zbase32\"}", "crypto_id");
    rejects("{\"upstream_timeout_ms\": 0}", "upstream_timeout_ms: 0");
  }

  @Test
  void rejectsReservedOrForeignZones() {
    String cname = "[{\"type\": \"cname\", \"name\": \"x\", \"value\": \"y.example\"}]";
    rejects("{\"zones\": {\"l4lb.thisdcos.directory\": " + cname + "}}", "reserved zone");
    rejects("{\"zones\": {\"mesos.thisdcos.directory\": " + cname + "}}", "reserved zone");
    rejects("{\"zones\": {\"a.dcos.thisdcos.directory\": " + cname + "}}", "reserved zone");
    rejects("{\"zones\": {\"example.com\": " + cname + "}}", "zone outside thisdcos.directory");
    rejects(
        "{\"zones\": {\"thisdcos.directory\": " + cname + "}}", "zone outside thisdcos.directory");
    rejects(
        "{\"zones\": {\"c.thisdcos.directory\": [{\"type\": \"a\", \"name\": \"x\", \"value\": \"1.2.3.4\"}]}}",
        "expected: {\"type\": \"cname\"");
  }
}
