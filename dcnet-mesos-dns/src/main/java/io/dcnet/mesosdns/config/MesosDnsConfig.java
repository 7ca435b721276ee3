package io.dcnet.mesosdns.config;

import io.dcnet.dns.records.SoaSettings;
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

  /** The SOA/NS parameters for the authoritative zone (the SOA minimum is {@code ttl}). */
  public SoaSettings soaSettings() {
    return new SoaSettings(domain, soaMname, soaRname, ttl, soaRefresh, soaRetry, soaExpire);
  }

  /** True if the DNS listener is a wildcard address (the nameserver record uses local IPs). */
  public boolean wildcardListener() {
    return listener.equals("0.0.0.0") || listener.equals("::");
  }

  /** A copy with the Basic-auth secret blanked, for {@code /v1/config}. */
  public MesosDnsConfig withoutSecret() {
    return new MesosDnsConfig(
        zk,
        zkDetectionTimeout,
        masters,
        refreshSeconds,
        stateTimeoutSeconds,
        ttl,
        domain,
        port,
        listener,
        httpListener,
        httpPort,
        dnsOn,
        httpOn,
        externalOn,
        resolvers,
        zoneResolvers,
        timeout,
        recurseOn,
        soaMname,
        soaRname,
        soaRefresh,
        soaRetry,
        soaExpire,
        soaMinttl,
        srvRecordDefaultWeight,
        ipSources,
        enforceRfc952,
        setTruncateBit,
        enumerationOn,
        mesosHttpsOn,
        caCertFile,
        certFile,
        keyFile,
        mesosAuthentication,
        mesosPrincipal,
        mesosSecret.isEmpty() ? "" : "********",
        iamConfigFile,
        file);
  }
}
