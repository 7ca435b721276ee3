package io.dcnet.daemon.mesosdns;

import io.dcnet.core.net.HostPort;
import io.dcnet.core.net.IpLiterals;
import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesos.http.MesosClientConfig;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a Mesos-DNS config into client settings: Mesos HTTP(S)+auth, and DNS upstreams. */
final class MesosDnsClients {
  private MesosDnsClients() {}

  /** HTTP client settings for {@code /master/state}. */
  static MesosClientConfig mesosClientConfig(MesosDnsConfig cfg, MesosAuth auth) {
    return new MesosClientConfig(
        cfg.mesosHttpsOn(),
        path(cfg.caCertFile()),
        path(cfg.certFile()),
        path(cfg.keyFile()),
        auth,
        Duration.ofSeconds(cfg.stateTimeoutSeconds()));
  }

  private static Optional<Path> path(String p) {
    return p == null || p.isEmpty() ? Optional.empty() : Optional.of(Path.of(p));
  }

  /** Upstream addresses from {@code ip} or {@code ip:port} strings (validated by the loader). */
  static List<InetSocketAddress> upstreams(List<String> resolvers) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String r : resolvers) {
      HostPort hp =
          HostPort.parse(r, 53)
              .orElseThrow(
                  () -> new IllegalArgumentException("resolver: " + r + " (expected ip[:port])"));
      out.add(
          new InetSocketAddress(
              IpLiterals.parse(hp.host())
                  .orElseThrow(
                      () -> new IllegalArgumentException("resolver: " + r + " (expected an IP)")),
              hp.port()));
    }
    return out;
  }
}
