package io.dcnet.rest.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.dns.server.DnsProtocol;
import io.dcnet.nodedns.forward.ForwarderMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The dns registry binding and the registries' scrape hooks, without HTTP. */
class NodeDnsMetricsTest {
  private final AtomicReference<Map<String, DnsZone>> zones =
      new AtomicReference<>(TestNodeApi.zones());
  private final ForwarderMetrics forwarder = new ForwarderMetrics();
  private final NodeMetricsRegistries registries = NodeMetricsRegistries.standard();

  private PrometheusText scrapeDns() throws Exception {
    return PrometheusText.parse(
        new String(registries.scrape("dns").orElseThrow(), StandardCharsets.UTF_8));
  }

  private static double value(PrometheusText t, String name, String label, String v) {
    return t.samples(name).stream()
        .filter(s -> v.equals(s.labels().get(label)))
        .findFirst()
        .orElseThrow()
        .value();
  }

  @Test
  void zoneGaugeFollowsAddedChangedAndRemovedZones() throws Exception {
    NodeDnsMetrics.bindTo(registries, zones::get, forwarder);
    assertThat(value(scrapeDns(), "zone_records", "zone", "dcos.thisdcos.directory"))
        .isEqualTo(3.0);

    zones.set(
        Map.of(
            "dcos.thisdcos.directory",
            new DnsZone(
                "dcos.thisdcos.directory",
                Map.of("a.dcos.thisdcos.directory", List.of(new ZoneRecord.A("10.0.0.9")))),
            "l4lb.thisdcos.directory",
            DnsZone.empty("l4lb.thisdcos.directory")));
    PrometheusText t = scrapeDns();
    assertThat(t.samples("zone_records"))
        .extracting(s -> s.labels().get("zone"))
        .containsExactlyInAnyOrder("dcos.thisdcos.directory", "l4lb.thisdcos.directory");
    assertThat(value(t, "zone_records", "zone", "dcos.thisdcos.directory")).isEqualTo(1.0);
    assertThat(value(t, "zone_records", "zone", "l4lb.thisdcos.directory")).isEqualTo(0.0);

    zones.set(null);
    assertThat(scrapeDns().samples("zone_records")).isEmpty();
  }

  @Test
  void countersAppearOnTheFirstScrapeAfterTheirFirstEventAndReadLiveValues() throws Exception {
    NodeDnsMetrics.bindTo(registries, zones::get, forwarder);
    assertThat(scrapeDns().samples("worker_failures_total")).isEmpty();

    InetSocketAddress up = new InetSocketAddress("127.0.0.2", 53);
    forwarder.workerFailure(DnsProtocol.TCP, up, "error");
    assertThat(value(scrapeDns(), "worker_failures_total", "reason", "error")).isEqualTo(1.0);
    forwarder.workerFailure(DnsProtocol.TCP, up, "error");
    forwarder.workerFailure(DnsProtocol.TCP, up, "error");
    assertThat(value(scrapeDns(), "worker_failures_total", "reason", "error")).isEqualTo(3.0);

    for (int i = 0; i < 4; i++) {
      forwarder.workerRequest(DnsProtocol.UDP, up, 500_000_000L);
    }
    PrometheusText t = scrapeDns();
    assertThat(value(t, "worker_requests_duration_seconds_count", "protocol", "udp"))
        .isEqualTo(4.0);
    assertThat(value(t, "worker_requests_duration_seconds_sum", "protocol", "udp")).isEqualTo(2.0);
  }

  @Test
  void aFailingHookIsCountedAndTheScrapeStillAnswers() throws Exception {
    registries.beforeScrape(
        () -> {
          throw new IllegalStateException("boom");
        });
    assertThat(registries.scrape("default")).isPresent();
    assertThat(registries.scrape("default")).isPresent();
    assertThat(registries.hookFailures()).isEqualTo(2);
    assertThat(registries.scrape("nope")).isEmpty();
  }

  @Test
  void bindingNeedsADnsRegistry() {
    NodeMetricsRegistries onlyDefault =
        new NodeMetricsRegistries(
            Map.of("default", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    assertThatThrownBy(() -> NodeDnsMetrics.bindTo(onlyDefault, zones::get, forwarder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected one named dns");
    assertThatThrownBy(
            () ->
                new NodeMetricsRegistries(
                    Map.of("", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))))
        .hasMessageContaining("registry name");
    assertThat(NodeMetricsRegistries.standard().names())
        .containsExactly("default", "dns", "mesos_listener", "l4lb");
  }
}
