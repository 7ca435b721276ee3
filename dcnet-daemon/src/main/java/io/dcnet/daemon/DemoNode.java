package io.dcnet.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.core.json.Json;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code dcnet master}/{@code dcnet agent} of the demo: where it listens and its config file
 * and log in the demo's directory. Immutable; thread-safe.
 *
 * @param name {@code master}, {@code agent-1}, ...
 * @param role {@code master} or {@code agent} (the subcommand)
 * @param ip the node's own loopback address (state, DNS and REST bind here)
 * @param statePort cluster transport port
 * @param dnsPort node DNS port (UDP and TCP)
 * @param restPort REST API port
 * @param dir the node's files: {@code config.json}, {@code node.log}, {@code state/}
 */
record DemoNode(
    String name, String role, String ip, int statePort, int dnsPort, int restPort, Path dir) {
  /** The demo nodes' nftables table name (they never install it; see {@link #l4lb}). */
  static final String DEMO_TABLE = "dcnet-demo";

  Path configFile() {
    return dir.resolve("config.json");
  }

  Path logFile() {
    return dir.resolve("node.log");
  }

  String restUrl() {
    return "http://" + ip + ":" + restPort;
  }

  /**
   * The node config (README "Node config").
   *
   * @param master the master's {@code ip:state_port} (the seed)
   * @param mesosUrl the Mesos master (the emulator)
   * @param axfrUrl Mesos-DNS's {@code /v1/axfr}
   * @param mesosResolver Mesos-DNS's {@code ip:port}, where {@code *.mesos} goes
   */
  String configJson(
      String clusterId,
      String master,
      String mesosUrl,
      URI axfrUrl,
      String mesosResolver,
      ObjectNode l4lb) {
    ObjectNode c = Json.mapper().createObjectNode();
    c.put("cluster_id", clusterId);
    c.put("node_id", name);
    c.put("ip", ip);
    c.putArray("masters").add(master);
    c.put("state_port", statePort);
    c.put("state_dir", dir.resolve("state").toString());
    c.put("unreachable_removal_seconds", 60);
    c.put("mesos_url", mesosUrl);
    c.put("mesos_dns_axfr_url", axfrUrl.toString());
    ObjectNode dns = c.putObject("dns");
    dns.putArray("bind_ips").add(ip);
    dns.put("udp_port", dnsPort);
    dns.put("tcp_port", dnsPort);
    dns.putArray("upstream_resolvers");
    dns.putArray("mesos_resolvers").add(mesosResolver);
    c.put("rest_bind", ip + ":" + restPort);
    c.set("l4lb", l4lb);
    return c.toPrettyString();
  }

  /**
   * The demo's {@code l4lb} section: named VIPs from the loopback range {@link Demo#VIP_MIN}..
   * {@link Demo#VIP_MAX}, IPv4 only, allocated in the demo's ZooKeeper; the master ({@code
   * agentUrl} null) runs the userspace data plane, so the VIPs answer on this machine; agents
   * publish the backends of their Mesos agent ({@code agentUrl}) and install nothing (on one
   * machine, every node's proxy would compete for the same VIP addresses).
   */
  static ObjectNode l4lb(String zookeeper, String agentUrl) {
    ObjectNode l = Json.mapper().createObjectNode();
    l.put("data_plane", agentUrl == null ? "userspace" : "none");
    // not the default table: these nodes remove a leftover nftables table of their name, and the
    // demo may run on a machine whose real dcnet owns "dcnet-l4lb"
    l.put("nft_table", DEMO_TABLE);
    l.put("zookeeper", zookeeper);
    l.put("enable_ipv6", false);
    l.put("min_named_ip", Demo.VIP_MIN);
    l.put("max_named_ip", Demo.VIP_MAX);
    l.put("agent_poll_interval_seconds", 1);
    if (agentUrl != null) {
      l.put("agent_url", agentUrl);
    }
    return l;
  }

  /** The printed commands for this node. */
  List<String> commands() {
    String dig = "dig @" + ip + " -p " + dnsPort + " +short ";
    return List.of(
        "# "
            + name
            + " (dcnet "
            + role
            + " on "
            + ip
            + "): task names, *.mesos through Mesos-DNS, its REST API",
        dig + "web.marathon.agentip.dcos.thisdcos.directory",
        dig + "web.marathon.mesos",
        dig + "ready.spartan",
        "./dcnet records --api " + restUrl(),
        "./dcnet nodes --api " + restUrl());
  }
}
