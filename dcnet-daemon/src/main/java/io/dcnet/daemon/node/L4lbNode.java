package io.dcnet.daemon.node;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.lifecycle.Closer;
import io.dcnet.core.net.HostPort;
import io.dcnet.l4lb.agent.AgentStateSource;
import io.dcnet.l4lb.agent.AgentVipPoller;
import io.dcnet.l4lb.agent.LocalPortMappings;
import io.dcnet.l4lb.agent.VipPublisher;
import io.dcnet.l4lb.api.VipsView;
import io.dcnet.l4lb.control.L4lbController;
import io.dcnet.l4lb.control.L4lbControllerConfig;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.names.NamedVipZone;
import io.dcnet.mesos.agent.AgentStateClient;
import io.dcnet.mesos.http.MesosClientConfig;
import io.dcnet.mesos.http.MesosHttpClientFactory;
import io.dcnet.state.ClusterState;
import io.dcnet.state.NodeRole;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The L4 load balancer of one node, wired (issue 4): on agents the VIP poller of the local Mesos
 * agent and the publisher of this agent's backends; on masters the named-VIP allocator; on every
 * node the {@link L4lbController} and its data plane ({@link DataPlanes}), and the {@code
 * l4lb.thisdcos.directory} zone built from {@code l4lb/names}.
 *
 * <p>Start and close from one thread; the parts run on their own threads ({@code
 * dcnet-l4lb-agent-poller}, {@code dcnet-l4lb-sync}, {@code dcnet-l4lb-names}).
 */
final class L4lbNode implements AutoCloseable {
  private final NodeConfig cfg;
  private final NodeRole role;
  private final ClusterState state;
  private final MeterRegistry registry;
  private final Closer started = new Closer();
  private final AtomicReference<LocalPortMappings> mappings =
      new AtomicReference<>(LocalPortMappings.EMPTY);
  private final AtomicReference<DnsZone> zone =
      new AtomicReference<>(NamedVipZone.build(List.of()));
  private L4lbController controller;
  private L4DataPlane dataPlane;

  L4lbNode(NodeConfig cfg, NodeRole role, ClusterState state, MeterRegistry registry) {
    this.cfg = cfg;
    this.role = role;
    this.state = state;
    this.registry = registry;
  }

  void start() throws IOException {
    if (!cfg.l4lb().enabled()) {
      NftSupport.removeLeftover(cfg.l4lb().nftTable(), "l4lb.enabled is false");
      return;
    }
    started.register(
        state.subscribe(
            L4lbKeys.NAMES, (k, snapshot) -> zone.set(NamedVipZone.build(snapshot.values()))));
    L4DataPlane plane = DataPlanes.create(cfg, registry);
    dataPlane = plane;
    started.register(() -> DataPlanes.stop(plane, cfg));
    L4lbControllerConfig cc =
        L4lbControllerConfig.defaults()
            .withIpv6Enabled(cfg.l4lb().enableIpv6())
            .withReconcileInterval(cfg.l4lb().reconcileInterval())
            .withLocalAgent(cfg.ip(), localRewrite());
    controller = new L4lbController(state, dataPlane, cc, registry);
    started.register(controller);
    controller.start();
    if (role == NodeRole.MASTER) {
      L4lbAllocator allocator = new L4lbAllocator(cfg, state, registry);
      started.register(allocator);
      allocator.start();
    } else {
      startAgentPoller();
    }
  }

  private void startAgentPoller() throws IOException {
    URI agent = cfg.agentUrlOrDefault();
    AgentStateClient client =
        new AgentStateClient(
            MesosHttpClientFactory.create(
                MesosClientConfig.plain().withRequestTimeout(Duration.ofSeconds(10))));
    HostPort where = new HostPort(agent.getHost(), agent.getPort() < 0 ? 5051 : agent.getPort());
    VipPublisher publisher = new VipPublisher(state, cfg.ip());
    L4lbController local = controller;
    AgentVipPoller poller =
        new AgentVipPoller(
            AgentStateSource.of(client, where),
            cfg.ip(),
            new AgentVipPoller.Options(
                cfg.l4lb().agentPollInterval(), Duration.ofSeconds(60), cfg.l4lb().enableIpv6()),
            registry,
            snapshot -> {
              if (!mappings.getAndSet(snapshot.portMappings()).equals(snapshot.portMappings())) {
                // e.g. a task restarted on the same host port with a new container address
                local.localRewriteChanged();
              }
              publisher.publish(snapshot);
            });
    started.register(poller);
    poller.start();
  }

  /**
   * Backends on this agent that are host-port mappings of its tasks are reached at the container
   * address instead (spec 3.3, DCOS_OSS-2070). A destination has no protocol; host ports are looked
   * up for TCP first, then UDP.
   */
  private UnaryOperator<Destination> localRewrite() {
    return d -> {
      LocalPortMappings m = mappings.get();
      if (m.mappings().isEmpty()) {
        return d;
      }
      String ip = d.address().getHostAddress();
      var target =
          m.lookup(Protocol.TCP, ip, d.port()).or(() -> m.lookup(Protocol.UDP, ip, d.port()));
      if (target.isEmpty()) {
        return d;
      }
      try {
        return new Destination(
            InetAddress.getByName(target.get().ip()), target.get().port(), d.weight());
      } catch (IOException e) {
        return d;
      }
    };
  }

  /** The {@code l4lb.thisdcos.directory} zone (never null). */
  DnsZone zone() {
    return zone.get();
  }

  /** The {@code /v1/vips} view of the last built snapshot. */
  VipsView vips() {
    return controller == null
        ? VipsView.of(new TreeMap<>())
        : VipsView.of(controller.lastBuild().vips());
  }

  /** The controller (null when l4lb is disabled), for tests. */
  L4lbController controller() {
    return controller;
  }

  @Override
  public void close() {
    started.close();
  }
}
