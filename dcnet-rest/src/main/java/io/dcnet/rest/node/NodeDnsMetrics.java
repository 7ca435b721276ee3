package io.dcnet.rest.node;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.nodedns.forward.ForwarderMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Binds node-DNS counters into the {@code dns} registry with dcos-net's names (spec §6.2):
 *
 * <ul>
 *   <li>{@code zone_records{zone}}: gauge, record values per zone
 *   <li>{@code forwarder_failures_total{zone}}: counter
 *   <li>{@code worker_failures_total{protocol,upstream_address,reason}}: counter
 *   <li>{@code worker_requests_duration_seconds{protocol,upstream_address}}: {@code _count} and
 *       {@code _sum} of answered upstream attempts
 * </ul>
 *
 * <p>{@link ForwarderMetrics} only offers snapshots, and its label sets appear at run time, so
 * {@link #refresh()} registers a functional meter for every new series (each reads the live value
 * at scrape time) and replaces the zone gauge rows. {@link #bindTo(NodeMetricsRegistries)} adds
 * {@code refresh} as a before-scrape hook. {@code zone_push_duration_seconds} and {@code
 * forwarder_requests_duration_seconds} are not kept by node DNS and are not exported.
 *
 * <p>Thread-safe: {@link #refresh()} may run concurrently (meter registration is idempotent).
 */
public final class NodeDnsMetrics {
  private final MeterRegistry registry;
  private final Supplier<Map<String, DnsZone>> zones;
  private final ForwarderMetrics forwarder;
  private final MultiGauge zoneRecords;
  private final Set<Object> registered = ConcurrentHashMap.newKeySet();

  /**
   * @param registry the {@code dns} registry
   * @param zones the current zones by name (may return null before the first zone arrives)
   * @param forwarder the forwarders' counters
   */
  public NodeDnsMetrics(
      MeterRegistry registry, Supplier<Map<String, DnsZone>> zones, ForwarderMetrics forwarder) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.zones = Objects.requireNonNull(zones, "zones");
    this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
    this.zoneRecords =
        MultiGauge.builder("zone.records")
            .description("Record values per local DNS zone")
            .register(registry);
  }

  /**
   * Creates the meters in the {@code dns} registry of {@code registries} and refreshes them before
   * every scrape.
   *
   * @throws IllegalArgumentException when {@code registries} has no {@code dns} registry
   */
  public static NodeDnsMetrics bindTo(
      NodeMetricsRegistries registries,
      Supplier<Map<String, DnsZone>> zones,
      ForwarderMetrics forwarder) {
    MeterRegistry dns =
        registries
            .registry(NodeMetricsRegistries.DNS)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "registries: " + registries.names() + " (expected one named dns)"));
    NodeDnsMetrics m = new NodeDnsMetrics(dns, zones, forwarder);
    m.refresh();
    registries.beforeScrape(m::refresh);
    return m;
  }

  /** Syncs the meters with the current zones and series. Cheap; call before each scrape. */
  public void refresh() {
    Map<String, DnsZone> current = zones.get();
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    if (current != null) {
      current.forEach((name, z) -> rows.add(MultiGauge.Row.of(Tags.of("zone", name), z.size())));
    }
    zoneRecords.register(rows, true);

    for (String zone : forwarder.forwarderFailures().keySet()) {
      if (registered.add(List.of("forwarder_failures", zone))) {
        FunctionCounter.builder(
                "forwarder.failures",
                forwarder,
                f -> f.forwarderFailures().getOrDefault(zone, 0L).doubleValue())
            .description("Queries whose forwarding failed as a whole")
            .tag("zone", zone)
            .register(registry);
      }
    }
    for (ForwarderMetrics.WorkerKey k : forwarder.workerFailures().keySet()) {
      if (registered.add(k)) {
        FunctionCounter.builder(
                "worker.failures",
                forwarder,
                f -> f.workerFailures().getOrDefault(k, 0L).doubleValue())
            .description("Failed upstream attempts")
            .tags(
                "protocol",
                k.protocol(),
                "upstream_address",
                k.upstreamAddress(),
                "reason",
                k.reason())
            .register(registry);
      }
    }
    for (ForwarderMetrics.UpstreamKey k : forwarder.workerRequests().keySet()) {
      if (registered.add(k)) {
        FunctionTimer.builder(
                "worker.requests.duration",
                forwarder,
                f -> f.workerRequests().getOrDefault(k, 0L),
                f -> f.workerRequestNanos().getOrDefault(k, 0L).doubleValue(),
                TimeUnit.NANOSECONDS)
            .description("Answered upstream attempts and their total duration")
            .tags("protocol", k.protocol(), "upstream_address", k.upstreamAddress())
            .register(registry);
      }
    }
  }
}
