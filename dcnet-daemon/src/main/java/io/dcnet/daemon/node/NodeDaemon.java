package io.dcnet.daemon.node;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.lifecycle.Closer;
import io.dcnet.core.process.Privileges;
import io.dcnet.discovery.ControllerOptions;
import io.dcnet.discovery.TaskRecords;
import io.dcnet.dns.server.DnsServerOptions;
import io.dcnet.mesos.stream.SubscriberOptions;
import io.dcnet.nodedns.api.DnsApiView;
import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.nodedns.forward.ForwarderMetrics;
import io.dcnet.nodedns.listen.BindAddressSelector;
import io.dcnet.nodedns.listen.IpCommand;
import io.dcnet.nodedns.listen.NodeDnsListeners;
import io.dcnet.nodedns.listen.SpartanInterface;
import io.dcnet.nodedns.route.NodeDnsRouter;
import io.dcnet.nodedns.zone.NodeZones;
import io.dcnet.rest.http.HttpApiServer;
import io.dcnet.rest.node.NodeDnsMetrics;
import io.dcnet.rest.node.NodeMetricsRegistries;
import io.dcnet.rest.node.NodeRestApi;
import io.dcnet.state.ClusterState;
import io.dcnet.state.ClusterStateConfig;
import io.dcnet.state.NodeRole;
import io.dcnet.state.StateKey;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dcnet node ({@code dcnet master} / {@code dcnet agent}), wired: the replicated {@link
 * ClusterState} (member of the cluster, own {@code nodes} entry); on masters {@link MasterZones}
 * (operator API → task zone, Mesos-DNS mirror, written while the local Mesos master leads); on
 * every node {@link ReplicatedZones} → {@link NodeZones} → {@link NodeDnsRouter} → {@link
 * NodeDnsListeners}; the L4 load balancer ({@link L4lbNode}); the node REST API ({@link
 * NodeRestApi}) on {@code rest_bind}.
 *
 * <p>Lifecycle: the constructor only keeps settings; {@link #start()} starts everything (and closes
 * what it started if a step fails); {@link #close()} closes in reverse order. Thread-safe: {@code
 * start}/{@code close} synchronize on this object; the parts run on their own threads.
 */
public final class NodeDaemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeDaemon.class);

  /** The zones masters push to every node. */
  public static final List<String> PUSHED_ZONES =
      List.of(TaskRecords.ZONE, "mesos.thisdcos.directory");

  static final StateKey<NodeInfo> NODES = NodeDirectory.NODES;

  private final NodeConfig cfg;
  private final NodeRole role;
  private final String version;
  private final ControllerOptions controllerOptions;
  private final SubscriberOptions subscriberOptions;
  private final Closer started = new Closer();
  private ClusterState state;
  private ReplicatedZones zones;
  private NodeZones nodeZones;
  private NodeDnsListeners listeners;
  private ForwarderMetrics forwarderMetrics;
  private HttpApiServer rest;
  private MasterZones masterZones;
  private NodeMetricsRegistries metrics;
  private L4lbNode l4lb;

  /** {@code version}: reported by {@code GET /v1/version}. */
  public NodeDaemon(NodeConfig cfg, NodeRole role, String version) {
    this(cfg, role, version, ControllerOptions.defaults(), SubscriberOptions.defaults());
  }

  /** With the zone controller's and the subscriber's timings (tests). */
  public NodeDaemon(
      NodeConfig cfg,
      NodeRole role,
      String version,
      ControllerOptions controllerOptions,
      SubscriberOptions subscriberOptions) {
    this.cfg = Objects.requireNonNull(cfg, "cfg");
    this.role = Objects.requireNonNull(role, "role");
    this.version = Objects.requireNonNull(version, "version");
    this.controllerOptions = Objects.requireNonNull(controllerOptions, "controllerOptions");
    this.subscriberOptions = Objects.requireNonNull(subscriberOptions, "subscriberOptions");
  }

  /**
   * Starts the node.
   *
   * @throws IOException when a listener cannot bind or the Mesos client cannot be made
   * @throws IllegalArgumentException for settings the parts reject (e.g. missing TLS files)
   */
  public synchronized NodeDaemon start() throws IOException {
    if (state != null) {
      throw new IllegalStateException("already started");
    }
    try {
      startAll();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  private void startAll() throws IOException {
    state = ClusterState.start(stateConfig());
    started.register(state);
    var unused =
        state
            .put(
                NODES,
                new NodeInfo(
                    cfg.ip(), List.of(), hostname(), role.roleName(), System.currentTimeMillis()))
            .whenComplete(
                (ok, e) -> {
                  if (e != null) {
                    LOG.warn("could not publish this node's entry: {}", e.toString());
                  }
                });
    zones = new ReplicatedZones(state, PUSHED_ZONES);
    started.register(zones);
    metrics = NodeMetricsRegistries.standard();
    l4lb =
        new L4lbNode(cfg, role, state, metrics.registry(NodeMetricsRegistries.L4LB).orElseThrow());
    started.register(l4lb);
    l4lb.start();
    startDns();
    startRest();
    if (role == NodeRole.MASTER) {
      startMaster();
    }
    LOG.info(
        "dcnet {} {} up: state {}, DNS on {}, REST on {}",
        role.roleName(),
        cfg.nodeId(),
        state.address(),
        dnsAddresses(),
        rest.localAddress());
  }

  private ClusterStateConfig stateConfig() {
    return ClusterStateConfig.builder(cfg.clusterId(), cfg.nodeId(), role)
        .bind(cfg.ip(), cfg.statePort())
        .seeds(cfg.seeds())
        .durableDir(cfg.stateDir())
        .tls(cfg.tls())
        .unreachableRemoval(cfg.unreachableRemoval())
        .build();
  }

  private void startDns() throws IOException {
    NodeDnsConfig dns = cfg.dnsFor(role);
    List<String> masterIps = cfg.masterIps();
    nodeZones = new NodeZones(new ZoneUnion(zones, l4lb::zone), dns.zones(), () -> masterIps);
    forwarderMetrics = new ForwarderMetrics();
    NodeDnsRouter router =
        NodeDnsRouter.create(dns, nodeZones, dns::mesosResolvers, forwarderMetrics);
    if (role == NodeRole.AGENT
        && dns.bindIps().isEmpty()
        && SpartanInterface.NAME.equals(dns.bindInterface())
        && Privileges.isRoot()) {
      new SpartanInterface(IpCommand.host()).ensure();
    }
    try {
      listeners =
          NodeDnsListeners.start(
              dns, router, DnsServerOptions.defaults(), BindAddressSelector.systemInterfaces());
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage(), e);
    }
    started.register(listeners);
  }

  private void startRest() throws IOException {
    var unusedDnsMetrics = NodeDnsMetrics.bindTo(metrics, nodeZones, forwarderMetrics);
    HttpApiServer server =
        new HttpApiServer(
            "dcnet-rest", cfg.restBind().getAddress().getHostAddress(), cfg.restBind().getPort());
    new NodeRestApi(
            new DnsApiView(nodeZones), new NodeDirectory(state), metrics, version, l4lb::vips)
        .register(server);
    try {
      rest = server.start();
    } catch (IOException | RuntimeException e) {
      throw new IOException("rest_bind: " + cfg.restBind() + ": " + e.getMessage(), e);
    }
    started.register(rest);
  }

  private void startMaster() throws IOException {
    masterZones = new MasterZones(cfg, state, controllerOptions, subscriberOptions);
    started.register(masterZones);
    masterZones.start();
    masterZones.bindMetrics(metrics.registry(NodeMetricsRegistries.DNS).orElseThrow());
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "";
    }
  }

  /** The cluster state of this node (after {@link #start()}). */
  public synchronized ClusterState clusterState() {
    return state;
  }

  /** The zones this node's DNS answers from, including static and custom zones. */
  public synchronized Map<String, DnsZone> zones() {
    return nodeZones == null ? Map.of() : nodeZones.get();
  }

  /** {@code ip:udpPort} of every DNS listener (after {@link #start()}). */
  public synchronized List<String> dnsAddresses() {
    if (listeners == null) {
      return List.of();
    }
    return listeners.servers().stream()
        .map(s -> s.udpAddress().getAddress().getHostAddress() + ":" + s.udpPort())
        .toList();
  }

  /** The address of every DNS listener (after {@link #start()}). */
  public synchronized List<InetAddress> dnsIps() {
    if (listeners == null) {
      return List.of();
    }
    return listeners.servers().stream().map(s -> s.udpAddress().getAddress()).toList();
  }

  /** Bound port of the REST API, or -1. */
  public synchronized int restPort() {
    return rest == null ? -1 : rest.port();
  }

  /** UDP port of the first DNS listener, or -1. */
  public synchronized int dnsPort() {
    return listeners == null ? -1 : listeners.servers().get(0).udpPort();
  }

  /** The L4 load balancer of this node (after {@link #start()}). */
  synchronized L4lbNode l4lb() {
    return l4lb;
  }

  /** True on the master that writes the zones (its Mesos master leads, or it is the deputy). */
  public synchronized boolean publishesZones() {
    return masterZones != null && masterZones.publishing();
  }

  @Override
  public synchronized void close() {
    started.close();
    listeners = null;
    rest = null;
  }
}
