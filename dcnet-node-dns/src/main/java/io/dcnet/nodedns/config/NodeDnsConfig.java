package io.dcnet.nodedns.config;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.net.IpLiterals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated settings of the node DNS ({@code dcos-dns.json} keys plus dcnet's own). Build it
 * with {@link NodeDnsConfigLoader} or from {@link #defaults()} and the {@code with*} methods.
 *
 * <p>Immutable; thread-safe.
 *
 * @param upstreamResolvers {@code upstream_resolvers}: default forwarders (port 53 when omitted)
 * @param forwardZones {@code forward_zones}: zone (lower case, no trailing dot) → its resolvers
 * @param bindIps {@code bind_ips}: explicit listen addresses; empty = every interface address
 * @param bindIpBlacklist {@code bind_ip_blacklist}: never bound; always holds 198.51.100.4
 * @param bindInterface {@code bind_interface}: only this interface's addresses ("" = any)
 * @param udpPort {@code udp_port} (default 53, as DC/OS configures it; dcos-net's code says 5454)
 * @param tcpPort {@code tcp_port}; must equal {@code udpPort} (one port serves both transports)
 * @param loadBalance {@code loadbalance}: answer order policy
 * @param handlerLimit {@code handler_limit}: queries in flight per listener; more get SERVFAIL
 * @param mesosResolvers {@code mesos_resolvers}: the masters' Mesos-DNS (port 61053 by default)
 * @param zones {@code zones}: custom CNAME zones under thisdcos.directory
 * @param cryptoId {@code crypto_id}: zbase32 cluster id of {@code <x>.<id>.dcos.directory} ("" =
 *     none)
 * @param upstreamTimeout {@code upstream_timeout_ms}: one upstream's deadline (5 s)
 * @param forwardTimeout {@code forward_timeout_ms}: whole forwarded query's deadline (10 s)
 */
public record NodeDnsConfig(
    List<InetSocketAddress> upstreamResolvers,
    Map<String, List<InetSocketAddress>> forwardZones,
    List<InetAddress> bindIps,
    List<InetAddress> bindIpBlacklist,
    String bindInterface,
    int udpPort,
    int tcpPort,
    LoadBalance loadBalance,
    int handlerLimit,
    List<InetSocketAddress> mesosResolvers,
    Map<String, DnsZone> zones,
    String cryptoId,
    Duration upstreamTimeout,
    Duration forwardTimeout) {

  /** The reserved address of Kubernetes CoreDNS (DCOS-21486); never bound. */
  public static final InetAddress RESERVED_BLACKLISTED =
      IpLiterals.parse("198.51.100.4").orElseThrow();

  public NodeDnsConfig {
    upstreamResolvers = List.copyOf(upstreamResolvers);
    Map<String, List<InetSocketAddress>> fz = new LinkedHashMap<>();
    forwardZones.forEach((k, v) -> fz.put(k, List.copyOf(v)));
    forwardZones = Collections.unmodifiableMap(fz);
    bindIps = List.copyOf(bindIps);
    if (!bindIpBlacklist.contains(RESERVED_BLACKLISTED)) {
      bindIpBlacklist =
          java.util.stream.Stream.concat(
                  bindIpBlacklist.stream(), java.util.stream.Stream.of(RESERVED_BLACKLISTED))
              .toList();
    }
    bindIpBlacklist = List.copyOf(bindIpBlacklist);
    Objects.requireNonNull(bindInterface, "bindInterface");
    Objects.requireNonNull(loadBalance, "loadBalance");
    mesosResolvers = List.copyOf(mesosResolvers);
    zones = Collections.unmodifiableMap(new LinkedHashMap<>(zones));
    Objects.requireNonNull(cryptoId, "cryptoId");
    port("udp_port", udpPort);
    port("tcp_port", tcpPort);
    if (udpPort != tcpPort) {
      throw new IllegalArgumentException(
          "tcp_port: " + tcpPort + " (expected: equal to udp_port " + udpPort + ")");
    }
    if (handlerLimit < 1) {
      throw new IllegalArgumentException("handler_limit: " + handlerLimit + " (expected: >= 1)");
    }
    positive("upstream_timeout_ms", upstreamTimeout);
    positive("forward_timeout_ms", forwardTimeout);
  }

  /** dcos-net's defaults: Google and Level3 upstreams, port 53, round robin, 1024 in flight. */
  public static NodeDnsConfig defaults() {
    return new NodeDnsConfig(
        List.of(new InetSocketAddress("8.8.8.8", 53), new InetSocketAddress("4.2.2.1", 53)),
        Map.of(),
        List.of(),
        List.of(RESERVED_BLACKLISTED),
        "",
        53,
        53,
        LoadBalance.ROUND_ROBIN,
        1024,
        List.of(),
        Map.of(),
        "",
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }

  public NodeDnsConfig withUpstreamResolvers(List<InetSocketAddress> v) {
    return new NodeDnsConfig(
        v,
        forwardZones,
        bindIps,
        bindIpBlacklist,
        bindInterface,
        udpPort,
        tcpPort,
        loadBalance,
        handlerLimit,
        mesosResolvers,
        zones,
        cryptoId,
        upstreamTimeout,
        forwardTimeout);
  }

  public NodeDnsConfig withForwardZones(Map<String, List<InetSocketAddress>> v) {
    return new NodeDnsConfig(
        upstreamResolvers,
        v,
        bindIps,
        bindIpBlacklist,
        bindInterface,
        udpPort,
        tcpPort,
        loadBalance,
        handlerLimit,
        mesosResolvers,
        zones,
        cryptoId,
        upstreamTimeout,
        forwardTimeout);
  }

  public NodeDnsConfig withBind(List<InetAddress> ips, String iface, int port) {
    return new NodeDnsConfig(
        upstreamResolvers,
        forwardZones,
        ips,
        bindIpBlacklist,
        iface,
        port,
        port,
        loadBalance,
        handlerLimit,
        mesosResolvers,
        zones,
        cryptoId,
        upstreamTimeout,
        forwardTimeout);
  }

  public NodeDnsConfig withLoadBalance(LoadBalance v) {
    return new NodeDnsConfig(
        upstreamResolvers,
        forwardZones,
        bindIps,
        bindIpBlacklist,
        bindInterface,
        udpPort,
        tcpPort,
        v,
        handlerLimit,
        mesosResolvers,
        zones,
        cryptoId,
        upstreamTimeout,
        forwardTimeout);
  }

  public NodeDnsConfig withHandlerLimit(int v) {
    return new NodeDnsConfig(
        upstreamResolvers,
        forwardZones,
        bindIps,
        bindIpBlacklist,
        bindInterface,
        udpPort,
        tcpPort,
        loadBalance,
        v,
        mesosResolvers,
        zones,
        cryptoId,
        upstreamTimeout,
        forwardTimeout);
  }

  public NodeDnsConfig withMesosResolvers(List<InetSocketAddress> v) {
    return new NodeDnsConfig(
        upstreamResolvers,
        forwardZones,
        bindIps,
        bindIpBlacklist,
        bindInterface,
        udpPort,
        tcpPort,
        loadBalance,
        handlerLimit,
        v,
        zones,
        cryptoId,
        upstreamTimeout,
        forwardTimeout);
  }

  public NodeDnsConfig withZones(Map<String, DnsZone> v) {
    return new NodeDnsConfig(
        upstreamResolvers,
        forwardZones,
        bindIps,
        bindIpBlacklist,
        bindInterface,
        udpPort,
        tcpPort,
        loadBalance,
        handlerLimit,
        mesosResolvers,
        v,
        cryptoId,
        upstreamTimeout,
        forwardTimeout);
  }

  public NodeDnsConfig withCryptoId(String v) {
    return new NodeDnsConfig(
        upstreamResolvers,
        forwardZones,
        bindIps,
        bindIpBlacklist,
        bindInterface,
        udpPort,
        tcpPort,
        loadBalance,
        handlerLimit,
        mesosResolvers,
        zones,
        v,
        upstreamTimeout,
        forwardTimeout);
  }

  public NodeDnsConfig withTimeouts(Duration upstream, Duration forward) {
    return new NodeDnsConfig(
        upstreamResolvers,
        forwardZones,
        bindIps,
        bindIpBlacklist,
        bindInterface,
        udpPort,
        tcpPort,
        loadBalance,
        handlerLimit,
        mesosResolvers,
        zones,
        cryptoId,
        upstream,
        forward);
  }

  private static void port(String key, int p) {
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException(key + ": " + p + " (expected: 0-65535)");
    }
  }

  private static void positive(String key, Duration d) {
    Objects.requireNonNull(d, key);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key + ": " + d.toMillis() + " (expected: > 0)");
    }
  }
}
