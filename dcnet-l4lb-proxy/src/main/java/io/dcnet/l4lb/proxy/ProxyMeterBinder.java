package io.dcnet.l4lb.proxy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes a {@link ProxyStats} as {@code l4lb_proxy_*} meters. Only this class needs Micrometer
 * (an optional dependency): do not load it without Micrometer on the class path. Thread-safe.
 */
public final class ProxyMeterBinder implements MeterBinder {
  private final ProxyStats stats;

  public ProxyMeterBinder(ProxyStats stats) {
    this.stats = stats;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("proxy.tcp.accepted", stats, ProxyStats::tcpAccepted)
        .description("TCP connections accepted on VIP listeners")
        .register(registry);
    FunctionCounter.builder("proxy.tcp.refused", stats, ProxyStats::tcpRefused)
        .description("TCP connections reset: no live destination")
        .register(registry);
    FunctionCounter.builder("proxy.connect.failures", stats, ProxyStats::connectFailures)
        .description("failed backend connects")
        .register(registry);
    FunctionCounter.builder("proxy.udp.dropped", stats, ProxyStats::udpDropped)
        .description("UDP datagrams dropped")
        .register(registry);
    Gauge.builder("proxy.tcp.active", stats, ProxyStats::tcpActive)
        .description("TCP connections being relayed")
        .register(registry);
    Gauge.builder("proxy.udp.sessions", stats, ProxyStats::udpSessions)
        .description("open UDP sessions")
        .register(registry);
  }
}
