package io.dcnet.bench.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code dcnet master} or {@code dcnet agent} of a benchmark cluster: its own loopback address
 * (cluster transport, DNS and REST bind there), ports and directory. Immutable; thread-safe.
 *
 * @param name {@code master-1}, {@code agent-1}, ...
 * @param role {@code master} or {@code agent} (the subcommand)
 * @param ip the node's own loopback address
 * @param statePort cluster transport port
 * @param dnsPort node DNS port (UDP and TCP)
 * @param restPort REST API port
 * @param dir config, log, state and TLS files of the node
 */
record BenchNode(
    String name, String role, String ip, int statePort, int dnsPort, int restPort, Path dir) {

  Path configFile() {
    return dir.resolve("config.json");
  }

  Path logFile() {
    return dir.resolve("node.log");
  }

  /**
   * The node config (dcnet-daemon README, "Node config").
   *
   * @param clusterId the cluster id
   * @param seeds the masters' {@code ip:state_port}, same order on every node
   * @param mesosUrl the emulated Mesos master this node follows (masters only)
   * @param tlsDir {@code node.key}, {@code node.crt}, {@code ca.crt}; null for plain TCP
   */
  String configJson(String clusterId, List<String> seeds, String mesosUrl, Path tlsDir) {
    ObjectNode c = new ObjectMapper().createObjectNode();
    c.put("cluster_id", clusterId);
    c.put("node_id", name);
    c.put("ip", ip);
    seeds.forEach(c.putArray("masters")::add);
    c.put("state_port", statePort);
    c.put("state_dir", dir.resolve("state").toString());
    if (tlsDir != null) {
      c.put("tls_dir", tlsDir.toString());
    }
    c.put("mesos_url", mesosUrl);
    c.put("mesos_dns_axfr_url", "");
    ObjectNode dns = c.putObject("dns");
    dns.putArray("bind_ips").add(ip);
    dns.put("udp_port", dnsPort);
    dns.put("tcp_port", dnsPort);
    dns.putArray("upstream_resolvers");
    c.put("rest_bind", ip + ":" + restPort);
    return c.toPrettyString();
  }
}
