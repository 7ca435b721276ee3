package io.dcnet.mesosdns.config;

import java.util.List;
import java.util.Map;

/**
 * A validated Mesos-DNS {@code config.json}, with Mesos-DNS's defaults applied. Component names
 * follow Mesos-DNS's Go field names (lower camel case); {@code /v1/config} renders them with the Go
 * spelling (see spec/mesos-dns.md section 6).
 *
 * <p>Immutable; safe to share between threads. Built by {@code MesosDnsConfigLoader}.
 */
public record MesosDnsConfig(
    String zk,
    int zkDetectionTimeout,
    List<String> masters,
    int refreshSeconds,
    int stateTimeoutSeconds,
    int ttl,
    String domain,
    int port,
    String listener,
    String httpListener,
    int httpPort,
    boolean dnsOn,
    boolean httpOn,
    boolean externalOn,
    List<String> resolvers,
    Map<String, List<String>> zoneResolvers,
    int timeout,
    boolean recurseOn,
    String soaMname,
    String soaRname,
    int soaRefresh,
    int soaRetry,
    int soaExpire,
    int soaMinttl,
    int srvRecordDefaultWeight,
    List<String> ipSources,
    boolean enforceRfc952,
    boolean setTruncateBit,
    boolean enumerationOn,
    boolean mesosHttpsOn,
    String caCertFile,
    String certFile,
    String keyFile,
    String mesosAuthentication,
    String mesosPrincipal,
    String mesosSecret,
    String iamConfigFile,
    String file) {
  public MesosDnsConfig {
    masters = List.copyOf(masters);
    resolvers = List.copyOf(resolvers);
    zoneResolvers = Map.copyOf(zoneResolvers);
    ipSources = List.copyOf(ipSources);
  }
}
