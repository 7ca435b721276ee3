package io.dcnet.nodedns.testing;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.dns.server.DnsServer;
import io.dcnet.dns.server.DnsServerOptions;
import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.nodedns.forward.ForwarderMetrics;
import io.dcnet.nodedns.listen.NodeDnsListeners;
import io.dcnet.nodedns.route.NodeDnsRouter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A node DNS on 127.0.0.1 (ephemeral port) wired as the daemon would: router from the config,
 * pushed zones swapped through an {@link AtomicReference}, one listener.
 *
 * <p>Thread-safe.
 */
public final class NodeDnsHarness implements AutoCloseable {
  public final AtomicReference<Map<String, DnsZone>> zones = new AtomicReference<>(Map.of());
  public final AtomicReference<List<String>> masters = new AtomicReference<>(List.of());
  public final ForwarderMetrics metrics = new ForwarderMetrics();
  private final NodeDnsListeners listeners;

  public NodeDnsHarness(NodeDnsConfig config) {
    NodeDnsRouter router =
        NodeDnsRouter.create(config, zones::get, masters::get, config::mesosResolvers, metrics);
    listeners =
        NodeDnsListeners.start(
            config.withBind(List.of(InetAddress.getLoopbackAddress()), "", 0),
            router,
            DnsServerOptions.defaults().withIoThreads(1).withUdpChannels(1),
            Map.of());
  }

  /** A config with the given upstreams and short timeouts. */
  public static NodeDnsConfig config(List<InetSocketAddress> upstreams) {
    return NodeDnsConfig.defaults()
        .withUpstreamResolvers(upstreams)
        .withTimeouts(java.time.Duration.ofMillis(400), java.time.Duration.ofMillis(1500));
  }

  public DnsServer server() {
    return listeners.servers().get(0);
  }

  public InetSocketAddress address() {
    return server().udpAddress();
  }

  /** Replaces (or adds) one pushed zone atomically. */
  public void push(DnsZone zone) {
    zones.updateAndGet(
        m -> {
          Map<String, DnsZone> copy = new HashMap<>(m);
          copy.put(zone.name(), zone);
          return Map.copyOf(copy);
        });
  }

  /** A zone with {@code count} A records 10.0.0.1.. under {@code owner}. */
  public static DnsZone zoneWithA(String zone, String owner, int count) {
    List<ZoneRecord> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(new ZoneRecord.A("10.0." + (i / 250) + "." + (i % 250 + 1)));
    }
    return new DnsZone(zone, Map.of(owner, values));
  }

  @Override
  public void close() {
    listeners.close();
  }
}
