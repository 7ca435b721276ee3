package io.dcnet.daemon.node;

import io.dcnet.core.net.HostPort;
import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.state.NodeRole;
import io.dcnet.state.TlsSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of {@code dcnet master} and {@code dcnet agent} (README "Node config"), as read by
 * {@link NodeConfigParser}. Role-dependent defaults (Mesos URL, DNS bind addresses, Mesos-DNS
 * resolvers) are applied by the accessors that take a {@link NodeRole}.
 *
 * <p>Immutable; thread-safe.
 *
 * @param clusterId {@code cluster_id}: nodes of other clusters never join
 * @param nodeId {@code node_id}: this node's id in the cluster state (default: {@code ip})
 * @param ip {@code ip}: this node's private IP (cluster transport bind address)
 * @param masters {@code masters}: every master's IP and cluster transport port, in the same order
 *     on every node; they are the seed nodes
 * @param statePort {@code state_port}: cluster transport port (0 = ephemeral, tests)
 * @param stateDir {@code state_dir}: durable replica directory
 * @param tlsDir {@code tls_dir}: node.key, node.crt, ca.crt for mutual TLS; null = plain TCP
 * @param unreachableRemoval {@code unreachable_removal_seconds}
 * @param mesosUrl {@code mesos_url}: the local Mesos master (masters only); null = default
 * @param mesosDnsAxfrUrl {@code mesos_dns_axfr_url}: local Mesos-DNS's axfr; null = mirror off
 * @param dns {@code dns}: the embedded {@code dcos-dns.json} settings
 * @param dnsBindSet true when {@code dns} names {@code bind_ips} or {@code bind_interface}
 * @param dnsMesosResolversSet true when {@code dns} names {@code mesos_resolvers}
 * @param restBind {@code rest_bind}: the REST API address
 * @param l4lb {@code l4lb}: the L4 load balancer section
 */
public record NodeConfig(
    String clusterId,
    String nodeId,
    String ip,
    List<HostPort> masters,
    int statePort,
    Path stateDir,
    Path tlsDir,
    Duration unreachableRemoval,
    URI mesosUrl,
    URI mesosDnsAxfrUrl,
    NodeDnsConfig dns,
    boolean dnsBindSet,
    boolean dnsMesosResolversSet,
    InetSocketAddress restBind,
    L4lbConfig l4lb) {

  /** Port of Mesos-DNS on every master. */
  public static final int MESOS_DNS_PORT = 61053;

  /** The agents' default DNS interface (198.51.100.1-3). */
  public static final String SPARTAN = "spartan";

  public NodeConfig {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(ip, "ip");
    masters = List.copyOf(masters);
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(unreachableRemoval, "unreachableRemoval");
    Objects.requireNonNull(dns, "dns");
    Objects.requireNonNull(restBind, "restBind");
    Objects.requireNonNull(l4lb, "l4lb");
  }

  /** The seed nodes: {@code <master ip>:<port or state_port>}. */
  public List<String> seeds() {
    return masters.stream().map(m -> hostPort(m.host(), m.port())).toList();
  }

  /** The masters' IPs (for {@code master.dcos.thisdcos.directory} and {@code zk-N.zk}). */
  public List<String> masterIps() {
    return masters.stream().map(HostPort::host).toList();
  }

  /** {@code mesos_url}, defaulting to {@code http://<ip>:5050}. */
  public URI mesosUrlOrDefault() {
    return mesosUrl != null ? mesosUrl : URI.create("http://" + hostPort(ip, 5050) + "/");
  }

  /** {@code l4lb.agent_url}, defaulting to {@code http://<ip>:5051/}. */
  public URI agentUrlOrDefault() {
    return l4lb.agentUrl() != null
        ? l4lb.agentUrl()
        : URI.create("http://" + hostPort(ip, 5051) + "/");
  }

  /** {@code l4lb.zookeeper}, defaulting to {@code <every master ip>:2181}. */
  public String zookeeperOrDefault() {
    if (l4lb.zookeeper() != null) {
      return l4lb.zookeeper();
    }
    return String.join(",", masterIps().stream().map(h -> hostPort(h, 2181)).toList());
  }

  /** The TLS files, or null when {@code tls_dir} is not set. */
  public TlsSettings tls() {
    return tlsDir == null ? null : TlsSettings.inDirectory(tlsDir);
  }

  /**
   * The node DNS settings for {@code role}: agents bind the {@code spartan} interface unless {@code
   * bind_ips}/{@code bind_interface} are given (masters bind every address); {@code *.mesos} goes
   * to every master's Mesos-DNS ({@code <ip>:61053}) unless {@code mesos_resolvers} is given.
   */
  public NodeDnsConfig dnsFor(NodeRole role) {
    NodeDnsConfig d = dns;
    if (!dnsBindSet && role == NodeRole.AGENT) {
      d = d.withBind(List.<InetAddress>of(), SPARTAN, d.udpPort());
    }
    if (!dnsMesosResolversSet) {
      d =
          d.withMesosResolvers(
              masterIps().stream().map(h -> new InetSocketAddress(h, MESOS_DNS_PORT)).toList());
    }
    return d;
  }

  private static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
