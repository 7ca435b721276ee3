package io.dcnet.daemon.mesosdns;

import io.dcnet.core.net.HostResolver;
import io.dcnet.core.net.IpLiterals;
import io.dcnet.dns.forward.Forwarder;
import io.dcnet.dns.mesos.AuthorityView;
import io.dcnet.dns.mesos.MesosAuthority;
import io.dcnet.dns.server.DnsQueryHandler;
import io.dcnet.dns.server.DnsServer;
import io.dcnet.dns.server.DnsServerOptions;
import io.dcnet.dns.zone.ZoneRouter;
import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesos.http.MesosHttpClientFactory;
import io.dcnet.mesos.state.MasterStateFetcher;
import io.dcnet.mesos.zk.MasterList;
import io.dcnet.mesos.zk.ZkMasterDetector;
import io.dcnet.mesos.zk.ZkUrl;
import io.dcnet.mesosdns.config.ConfigException;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.config.ResolvConf;
import io.dcnet.mesosdns.records.MesosDnsSnapshot;
import io.dcnet.mesosdns.refresh.MesosDnsRefresher;
import io.dcnet.rest.http.HttpApiServer;
import io.dcnet.rest.mesosdns.MesosDnsHttpApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mesos-DNS, wired: ZooKeeper or static masters → {@link MasterStateFetcher} → {@link
 * MesosDnsRefresher} → the current {@link MesosDnsSnapshot} → DNS ({@link DnsServer} with a {@link
 * ZoneRouter}) and HTTP ({@link HttpApiServer} with {@link MesosDnsHttpApi}).
 *
 * <p>Lifecycle: {@link #start} begins refreshing; {@link #awaitReadyAndListen} waits for the first
 * successful refresh and only then binds the listeners, as Mesos-DNS does. Thread-safe; the
 * listeners read the snapshot through one {@link AtomicReference} swapped by the refresh thread.
 */
public final class MesosDnsDaemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MesosDnsDaemon.class);

  private final MesosDnsConfig cfg;
  private final Path resolvConf;
  private final String version;
  private final MesosDnsRefresher refresher;
  private final ZkMasterDetector zk;
  private final AtomicReference<AuthorityView> view = new AtomicReference<>();
  private final AtomicReference<MesosDnsSnapshot> snapshot = new AtomicReference<>();
  private final Object publishLock = new Object();
  private volatile MesosAuthority authority;
  private DnsServer dns;
  private HttpApiServer http;

  /**
   * @param onZkTimeout called when ZooKeeper reports no leader within {@code zkDetectionTimeout}
   *     (Mesos-DNS exits then; the command does the same)
   */
  public MesosDnsDaemon(MesosDnsConfig cfg, MesosAuth auth, String version, Runnable onZkTimeout)
      throws IOException {
    this(cfg, auth, version, onZkTimeout, Path.of("/etc/resolv.conf"));
  }

  /** As above, reading nameservers from {@code resolvConf} when {@code resolvers} is empty. */
  public MesosDnsDaemon(
      MesosDnsConfig cfg, MesosAuth auth, String version, Runnable onZkTimeout, Path resolvConf)
      throws IOException {
    this.cfg = cfg;
    this.resolvConf = resolvConf;
    this.version = version;
    MasterStateFetcher fetcher =
        new MasterStateFetcher(
            MesosHttpClientFactory.create(MesosDnsClients.mesosClientConfig(cfg, auth)),
            Duration.ofSeconds(cfg.stateTimeoutSeconds()));
    List<String> initial = new ArrayList<>();
    if (!cfg.zk().isEmpty()) {
      initial.add("");
    }
    initial.addAll(cfg.masters());
    this.refresher =
        new MesosDnsRefresher(
            cfg,
            initial,
            masters -> fetcher.fetch(masters).state(),
            HostResolver.system(),
            LocalAddresses::nonLoopback,
            Clock.systemUTC());
    refresher.addListener(this::publish);
    this.zk =
        cfg.zk().isEmpty()
            ? null
            : new ZkMasterDetector(
                ZkUrl.parse(cfg.zk()),
                Duration.ofSeconds(cfg.zkDetectionTimeout()),
                this::mastersChanged,
                onZkTimeout);
  }

  private void mastersChanged(MasterList list) {
    List<String> masters = new ArrayList<>(list.asList());
    // Before detection the static list seeds the others (spec 2.1).
    if (!list.hasLeader() && list.others().isEmpty()) {
      masters.addAll(cfg.masters());
    }
    refresher.mastersChanged(masters);
  }

  /** Swaps in {@code s} unless a newer snapshot is already in (listener and start-up may race). */
  private void publish(MesosDnsSnapshot s) {
    AuthorityView v;
    // Not the daemon's monitor: close() holds that while it stops the refresh thread.
    synchronized (publishLock) {
      MesosDnsSnapshot current = snapshot.get();
      if (current != null && s.refreshedAt().isBefore(current.refreshedAt())) {
        return;
      }
      snapshot.set(s);
      v = new AuthorityView(s.records(), s.serial(), cfg.soaSettings());
      view.set(v);
    }
    MesosAuthority a = authority;
    if (a != null) {
      // Build the wire-form answers here, on the refresh thread, not on the first queries.
      a.prepare(v);
    }
  }

  /** Starts refreshing (and ZooKeeper detection). Listeners are not bound yet. */
  public MesosDnsDaemon start() {
    if (zk != null) {
      zk.start();
    }
    refresher.start();
    return this;
  }

  /**
   * Waits up to {@code timeout} for the first successful refresh, then binds DNS and HTTP.
   *
   * @return false if the first refresh did not succeed in time (nothing is bound then)
   * @throws IOException if a listener cannot bind (the message names the address)
   */
  public boolean awaitReadyAndListen(Duration timeout) throws IOException, InterruptedException {
    if (!refresher.awaitReady(timeout)) {
      return false;
    }
    // The ready latch may open before the refresher's listeners ran: publish what is current.
    refresher.current().ifPresent(this::publish);
    synchronized (this) {
      if (cfg.dnsOn() && dns == null) {
        dns = startDns();
      }
      if (cfg.httpOn() && http == null) {
        HttpApiServer server =
            new HttpApiServer("mesos-dns-http", cfg.httpListener(), cfg.httpPort());
        new MesosDnsHttpApi(cfg, snapshot::get, version).register(server);
        http = server.start();
        LOG.info("HTTP API listening on {}", http.localAddress());
      }
    }
    return true;
  }

  private DnsServer startDns() throws IOException {
    MesosAuthority authority =
        new MesosAuthority(view::get, cfg.srvRecordDefaultWeight(), cfg.recurseOn());
    authority.prepare(view.get());
    this.authority = authority;
    DnsQueryHandler defaultForwarder = null;
    Map<String, DnsQueryHandler> zoneForwarders = new HashMap<>();
    if (cfg.externalOn()) {
      List<InetSocketAddress> upstreams = MesosDnsClients.upstreams(resolvers());
      if (!upstreams.isEmpty()) {
        defaultForwarder = Forwarder.withTimeoutSeconds(upstreams, cfg.timeout());
      }
      cfg.zoneResolvers()
          .forEach(
              (zone, rs) ->
                  zoneForwarders.put(
                      zone,
                      Forwarder.withTimeoutSeconds(MesosDnsClients.upstreams(rs), cfg.timeout())));
    }
    ZoneRouter router =
        new ZoneRouter(Map.of(cfg.domain() + ".", authority), defaultForwarder, zoneForwarders);
    InetAddress bind =
        IpLiterals.parse(cfg.listener())
            .orElseThrow(
                () -> new IOException("listener: " + cfg.listener() + " (expected an IP)"));
    DnsServerOptions options = DnsServerOptions.defaults().withSetTruncateBit(cfg.setTruncateBit());
    try {
      DnsServer server = new DnsServer(bind, cfg.port(), router, options).start();
      LOG.info(
          "DNS listening on {}:{} (udp) and {}:{} (tcp), zone {}., forwarding {}",
          cfg.listener(),
          server.udpPort(),
          cfg.listener(),
          server.tcpPort(),
          cfg.domain(),
          cfg.externalOn() ? cfg.resolvers() : "off");
      return server;
    } catch (IllegalStateException e) {
      throw new IOException(
          "DNS listener " + cfg.listener() + ":" + cfg.port() + ": " + e.getMessage(), e);
    }
  }

  /** {@code resolvers}, or, when that list is empty, the non-local nameservers of resolv.conf. */
  private List<String> resolvers() throws IOException {
    if (!cfg.resolvers().isEmpty()) {
      return cfg.resolvers();
    }
    try {
      List<String> fromFile = ResolvConf.nameservers(resolvConf);
      LOG.info("resolvers: [] in config, using {} from {}", fromFile, resolvConf);
      return fromFile;
    } catch (ConfigException e) {
      throw new IOException(resolvConf + ": " + e.getMessage(), e);
    }
  }

  public MesosDnsRefresher refresher() {
    return refresher;
  }

  /** Bound DNS port (UDP), or -1 when DNS is off or not yet listening. */
  public synchronized int dnsPort() {
    return dns == null ? -1 : dns.udpPort();
  }

  /** Bound HTTP port, or -1. */
  public synchronized int httpPort() {
    return http == null ? -1 : http.port();
  }

  public synchronized DnsServer dnsServer() {
    return dns;
  }

  @Override
  public synchronized void close() {
    if (http != null) {
      http.close();
    }
    if (dns != null) {
      dns.close();
    }
    refresher.close();
    if (zk != null) {
      zk.close();
    }
  }
}
