package io.dcnet.daemon.l4lb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.core.json.Json;
import java.nio.file.Path;

/**
 * The config of one {@code dcnet master|agent} of {@link L4lbNetnsTest}: every node binds state,
 * DNS and REST on its host's address (fixed ports: each host is its own namespace), follows the
 * hub's emulated Mesos master, runs the {@code nftables} data plane with IPv6, and agents poll
 * their emulated Mesos agent every second.
 *
 * <p>Stateless; thread-safe.
 */
final class NetnsNodeConfig {
  static final String CLUSTER = "c-l4lb-netns";
  static final int STATE_PORT = 62501;
  static final int DNS_PORT = 8053;
  static final int REST_PORT = 62080;
  static final int REMOVAL_SECONDS = 10;

  private NetnsNodeConfig() {}

  /**
   * @param agentUrl the node's emulated Mesos agent, or null for the master
   */
  static String json(
      String name,
      String ip,
      String masterIp,
      Path dir,
      String mesosUrl,
      String zookeeper,
      String agentUrl) {
    ObjectNode c = Json.mapper().createObjectNode();
    c.put("cluster_id", CLUSTER);
    c.put("node_id", name);
    c.put("ip", ip);
    c.putArray("masters").add(masterIp + ":" + STATE_PORT);
    c.put("state_port", STATE_PORT);
    c.put("state_dir", dir.resolve("state").toString());
    c.put("unreachable_removal_seconds", REMOVAL_SECONDS);
    c.put("mesos_url", mesosUrl);
    c.put("mesos_dns_axfr_url", "");
    ObjectNode dns = c.putObject("dns");
    dns.putArray("bind_ips").add(ip);
    dns.put("udp_port", DNS_PORT);
    dns.put("tcp_port", DNS_PORT);
    dns.putArray("upstream_resolvers");
    c.put("rest_bind", ip + ":" + REST_PORT);
    ObjectNode l = c.putObject("l4lb");
    l.put("data_plane", "nftables");
    l.put("zookeeper", zookeeper);
    l.put("enable_ipv6", true);
    l.put("agent_poll_interval_seconds", 1);
    l.put("reconcile_seconds", 5);
    if (agentUrl != null) {
      l.put("agent_url", agentUrl);
    }
    return c.toPrettyString();
  }
}
