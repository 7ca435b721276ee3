package io.dcnet.daemon.node;

import io.dcnet.core.lifecycle.Closer;
import io.dcnet.core.lifecycle.DaemonThreads;
import io.dcnet.core.net.HostPort;
import io.dcnet.core.net.HostResolver;
import io.dcnet.discovery.ControllerOptions;
import io.dcnet.discovery.MesosDnsMirror;
import io.dcnet.discovery.MesosZoneController;
import io.dcnet.discovery.TaskRecords;
import io.dcnet.mesos.http.MesosClientConfig;
import io.dcnet.mesos.http.MesosHttpClientFactory;
import io.dcnet.mesos.stream.OperatorApiSubscriber;
import io.dcnet.mesos.stream.SubscriberOptions;
import io.dcnet.state.ClusterState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The masters' zone pipeline: {@link OperatorApiSubscriber} on {@code mesos_url} → {@link
 * MesosZoneController} ({@code dcos.thisdcos.directory}) and {@link MesosDnsMirror} ({@code
 * mesos.thisdcos.directory}) → {@link LeaderZonePublisher} → the cluster state.
 *
 * <p>Thread-safe: {@code start}/{@code close} synchronize on this object. The subscriber reads on
 * its {@code mesos-subscriber} thread; controller ticks, the sink, mirror polls and the publisher's
 * deputy check (every second) run on one timer thread {@code dcnet-zones-<node id>}.
 */
final class MasterZones implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MasterZones.class);

  private final NodeConfig cfg;
  private final ClusterState state;
  private final ControllerOptions controllerOptions;
  private final SubscriberOptions subscriberOptions;
  private final Closer started = new Closer();
  private LeaderZonePublisher publisher;

  MasterZones(
      NodeConfig cfg,
      ClusterState state,
      ControllerOptions controllerOptions,
      SubscriberOptions subscriberOptions) {
    this.cfg = cfg;
    this.state = state;
    this.controllerOptions = controllerOptions;
    this.subscriberOptions = subscriberOptions;
  }

  synchronized void start() throws IOException {
    URI mesos = cfg.mesosUrlOrDefault();
    HostPort own = new HostPort(mesos.getHost(), mesos.getPort() < 0 ? 5050 : mesos.getPort());
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("dcnet-zones-" + cfg.nodeId()));
    started.register(timer::shutdownNow);
    long grace = LeaderZonePublisher.WITHDRAW_GRACE.toMillis();
    publisher =
        new LeaderZonePublisher(
            state,
            own,
            Clock.systemUTC(),
            r -> timer.schedule(r, grace, TimeUnit.MILLISECONDS),
            LeaderZonePublisher.TAKEOVER_HOLD);
    started.register(publisher);
    List<String> masterIps = cfg.masterIps();
    MesosZoneController controller =
        new MesosZoneController(
            new TaskRecords(HostResolver.system()),
            () -> masterIps,
            publisher::publish,
            Clock.systemUTC(),
            controllerOptions);
    controller.start(timer);
    started.register(controller);
    OperatorApiSubscriber subscriber =
        new OperatorApiSubscriber(
            MesosHttpClientFactory.create(
                MesosClientConfig.plain().withRequestTimeout(Duration.ofSeconds(30))),
            () -> List.of(own.host() + ":" + own.port()),
            subscriberOptions);
    // The publisher learns the leader first, so the controller's publish goes to the right place.
    subscriber.addListener(publisher);
    subscriber.addListener(controller);
    subscriber.start();
    started.register(subscriber);
    publisher.start(subscriber::streaming, subscriber::streamingFromFirstMaster);
    timer.scheduleWithFixedDelay(this::recheckPublisher, 1, 1, TimeUnit.SECONDS);
    if (cfg.mesosDnsAxfrUrl() != null) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      started.register(http::close);
      MesosDnsMirror mirror =
          new MesosDnsMirror(
              http,
              cfg.mesosDnsAxfrUrl(),
              MesosDnsMirror.DEFAULT_PERIOD,
              Duration.ofSeconds(30),
              publisher::publish);
      mirror.start(timer);
      started.register(mirror);
    }
  }

  private void recheckPublisher() {
    try {
      publisher.recheck();
    } catch (RuntimeException e) {
      LOG.warn("zone publisher check failed: {}", e.toString()); // the next tick tries again
    }
  }

  /** True while this node writes the zones (its Mesos master leads, or it is the deputy). */
  synchronized boolean publishing() {
    return publisher != null && publisher.publishing();
  }

  /** True while this node writes the zones as the deputy of the leading master's dcnet. */
  synchronized boolean deputy() {
    return publisher != null && publisher.deputy();
  }

  /**
   * Registers {@code zone_publishing{as="leader"}} and {@code {as="deputy"}}: 1 while this master
   * writes the zones in that role, else 0. Summed over the masters, 0 means nobody publishes.
   */
  void bindMetrics(MeterRegistry dns) {
    Gauge.builder("zone.publishing", this, z -> z.publishing() && !z.deputy() ? 1 : 0)
        .tag("as", "leader")
        .description("1 while this master writes the DNS zones because its Mesos master leads")
        .register(dns);
    Gauge.builder("zone.publishing", this, z -> z.deputy() ? 1 : 0)
        .tag("as", "deputy")
        .description("1 while this master writes the DNS zones for a leading master's dcnet")
        .register(dns);
  }

  @Override
  public synchronized void close() {
    started.close();
  }
}
