package io.dcnet.state.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dcnet.state.ClusterStateConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Pekko configuration of one incarnation from a {@link ClusterStateConfig}. Stateless.
 */
public final class PekkoConfigFactory {
  /** Cluster role prefix that carries the dcnet node id. */
  public static final String NODE_ROLE_PREFIX = "node=";

  private PekkoConfigFactory() {}

  /** The config for a node bound to {@code port} (which may differ from the configured one). */
  public static Config build(ClusterStateConfig cfg, int port) {
    Map<String, Object> m = new HashMap<>();
    m.put("pekko.actor.provider", "cluster");
    m.put("pekko.loggers", List.of("org.apache.pekko.event.slf4j.Slf4jLogger"));
    m.put("pekko.logging-filter", "org.apache.pekko.event.slf4j.Slf4jLoggingFilter");
    m.put("pekko.loglevel", "INFO");
    m.put("pekko.log-dead-letters", "off");
    m.put("pekko.log-dead-letters-during-shutdown", "off");
    m.put("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
    // terminating the system is a plain stop, not a graceful cluster leave (README "Downing")
    m.put("pekko.coordinated-shutdown.run-by-actor-system-terminate", "off");
    m.put("pekko.remote.artery.canonical.hostname", cfg.bindHost());
    m.put("pekko.remote.artery.canonical.port", port);
    if (cfg.tls() == null) {
      m.put("pekko.remote.artery.transport", "tcp");
    } else {
      String engine = "pekko.remote.artery.ssl.rotating-keys-engine.";
      m.put("pekko.remote.artery.transport", "tls-tcp");
      m.put(
          "pekko.remote.artery.ssl.ssl-engine-provider",
          "org.apache.pekko.remote.artery.tcp.ssl.RotatingKeysSSLEngineProvider");
      m.put(engine + "key-file", cfg.tls().keyFile().toString());
      m.put(engine + "cert-file", cfg.tls().certFile().toString());
      m.put(engine + "ca-cert-file", cfg.tls().caCertFile().toString());
      m.put(engine + "protocol", "TLSv1.3");
      m.put(
          engine + "enabled-algorithms",
          List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"));
      m.put(engine + "ssl-context-cache-ttl", "5m");
    }
    m.put("pekko.cluster.roles", List.of(cfg.role().roleName(), NODE_ROLE_PREFIX + cfg.nodeId()));
    m.put("pekko.cluster.jmx.enabled", "off");
    m.put("pekko.cluster.downing-provider-class", "");
    m.put("pekko.cluster.run-coordinated-shutdown-when-down", "on");
    // a new incarnation whose old one is still a member is told to wait until the old one is
    // removed; retry soon instead of Pekko's 10 s so an internal rejoin takes seconds
    m.put("pekko.cluster.retry-unsuccessful-join-after", "2s");
    m.put(
        "pekko.cluster.failure-detector.acceptable-heartbeat-pause",
        cfg.heartbeatPause().toMillis() + "ms");
    String dd = "pekko.cluster.distributed-data.";
    m.put(dd + "notify-subscribers-interval", "100ms");
    m.put(dd + "gossip-interval", "1s");
    if (cfg.durableDir() != null) {
      m.put(dd + "durable.keys", List.of("*"));
      m.put(dd + "durable.store-actor-class", FileDurableStore.class.getName());
      m.put(dd + "durable.file.dir", cfg.durableDir().toAbsolutePath().toString());
    }
    return ConfigFactory.parseMap(m)
        .withFallback(ConfigFactory.load(PekkoConfigFactory.class.getClassLoader()));
  }
}
