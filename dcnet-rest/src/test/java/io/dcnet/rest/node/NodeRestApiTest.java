package io.dcnet.rest.node;

import static io.dcnet.rest.node.TestNodeApi.get;
import static io.dcnet.rest.node.TestNodeApi.golden;
import static io.dcnet.rest.node.TestNodeApi.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.dns.DnsZone;
import io.dcnet.dns.server.DnsProtocol;
import io.dcnet.nodedns.api.DnsApiView;
import io.dcnet.nodedns.forward.ForwarderMetrics;
import io.dcnet.rest.http.HttpApiServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every node API route over real HTTP on 127.0.0.1, against hand-built zones and nodes. */
class NodeRestApiTest {
  private static final AtomicReference<Map<String, DnsZone>> ZONES = new AtomicReference<>();
  private static final AtomicReference<List<NodeRecord>> NODES = new AtomicReference<>();
  private static final ForwarderMetrics FORWARDER = new ForwarderMetrics();
  private static HttpApiServer server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    ZONES.set(TestNodeApi.zones());
    NODES.set(TestNodeApi.nodes());
    NodeMetricsRegistries registries = NodeMetricsRegistries.standard();
    NodeDnsMetrics.bindTo(registries, ZONES::get, FORWARDER);
    registries
        .registry(NodeMetricsRegistries.MESOS_LISTENER)
        .orElseThrow()
        .counter("messages")
        .increment(3);
    server = new HttpApiServer("node-rest-test", "127.0.0.1", 0);
    new NodeRestApi(new DnsApiView(ZONES::get), NODES::get, registries, "0.1.0-test")
        .register(server);
    server.start();
    port = server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode getJson(String path) throws Exception {
    HttpResponse<String> r = get(port, path);
    assertThat(r.statusCode()).as("status of %s", path).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    return tree(r.body());
  }

  @Test
  void versionNamesDcnet() throws Exception {
    assertThat(getJson("/v1/version"))
        .isEqualTo(tree("{\"Service\":\"dcnet\",\"Version\":\"0.1.0-test\"}"));
  }

  @Test
  void recordsListEveryAddressAndSrvOfEveryZoneButNoCname() throws Exception {
    assertThat(getJson("/v1/records")).isEqualTo(golden("records.json"));
  }

  @Test
  void hostsGiveTheLocalARecordsCaseInsensitively() throws Exception {
    assertThat(getJson("/v1/hosts/WEB.marathon.autoip.dcos.thisdcos.directory."))
        .isEqualTo(golden("hosts-web.json"));
    assertThat(getJson("/v1/hosts/nowhere.example.org")).isEqualTo(tree("[]"));
  }

  @Test
  void servicesCarryTheIpOnlyWhenTheTargetIsLocal() throws Exception {
    assertThat(getJson("/v1/services/_web._tcp.marathon.mesos.thisdcos.directory"))
        .isEqualTo(golden("services-web.json"));
    assertThat(getJson("/v1/services/_none._tcp.marathon.mesos.thisdcos.directory"))
        .isEqualTo(tree("[]"));
  }

  @Test
  void nodesAreSortedWithRfc3339MillisecondTimes() throws Exception {
    assertThat(getJson("/v1/nodes")).isEqualTo(golden("nodes.json"));
  }

  @Test
  void configAndEnumerateAreNotImplemented() throws Exception {
    for (String path : List.of("/v1/config", "/v1/enumerate")) {
      HttpResponse<String> r = get(port, path);
      assertThat(r.statusCode()).as(path).isEqualTo(501);
      assertThat(tree(r.body()).path("code").asInt()).isEqualTo(501);
    }
  }

  /** dcos_rest_SUITE json_ok (without /v1/vips, which another module serves). */
  @Test
  void suiteJsonOk() throws Exception {
    for (String path : List.of("/v1/nodes", "/v1/version", "/v1/records")) {
      HttpResponse<String> r = get(port, path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(tree(r.body())).as(path).isNotNull();
    }
  }

  /** dcos_rest_SUITE skip (without /lashup/key): never 405-500, 501 allowed. */
  @Test
  void suiteSkip() throws Exception {
    for (String path :
        List.of("/v1/config", "/v1/hosts/x", "/v1/services/x", "/v1/enumerate", "/v1/metrics")) {
      int status = get(port, path).statusCode();
      assertThat(status)
          .as(path)
          .satisfiesAnyOf(
              s -> assertThat(s).isLessThan(405),
              s -> {
                assertThat(s).isEqualTo(501);
              });
    }
  }

  @Test
  void emptySourcesGiveEmptyArrays() throws Exception {
    HttpApiServer empty = new HttpApiServer("node-rest-empty", "127.0.0.1", 0);
    try {
      new NodeRestApi(new DnsApiView(() -> null), () -> null, NodeMetricsRegistries.standard(), "v")
          .register(empty);
      empty.start();
      for (String path : List.of("/v1/records", "/v1/nodes", "/v1/hosts/a", "/v1/services/b")) {
        HttpResponse<String> r = get(empty.port(), path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(tree(r.body())).as(path).isEqualTo(tree("[]"));
      }
    } finally {
      empty.close();
    }
  }

  @Test
  void recordsAndNodesHonourIfNoneMatch() throws Exception {
    for (String path : List.of("/v1/records", "/v1/nodes")) {
      HttpResponse<String> first = get(port, path);
      String etag = first.headers().firstValue("etag").orElseThrow();
      HttpResponse<String> again = get(port, path, "If-None-Match", etag);
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body()).isEmpty();
      assertThat(again.headers().firstValue("etag")).contains(etag);
      assertThat(get(port, path, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void nodesEtagChangesWithContent() throws Exception {
    String before = get(port, "/v1/nodes").headers().firstValue("etag").orElseThrow();
    // The same content in another order keeps the tag: the body is sorted.
    NODES.set(TestNodeApi.nodes().reversed());
    try {
      assertThat(get(port, "/v1/nodes").headers().firstValue("etag")).contains(before);
      NODES.set(TestNodeApi.nodes().subList(0, 1));
      HttpResponse<String> r = get(port, "/v1/nodes", "If-None-Match", before);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("etag")).isPresent().get().isNotEqualTo(before);
    } finally {
      NODES.set(TestNodeApi.nodes());
    }
  }

  @Test
  void metricsDefaultIsPrometheusTextWithJvmMeters() throws Exception {
    HttpResponse<String> r = get(port, "/v1/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    PrometheusText text = PrometheusText.parse(r.body());
    assertThat(text.types).containsEntry("jvm_memory_used_bytes", "gauge");
    assertThat(text.samples("jvm_memory_used_bytes")).isNotEmpty();
    assertThat(get(port, "/v1/metrics/default").body()).contains("# TYPE jvm_threads_live_threads");
  }

  @Test
  void metricsDnsRegistryHasTheSpecNames() throws Exception {
    FORWARDER.forwarderFailure("mesos.thisdcos.directory");
    FORWARDER.workerFailure(DnsProtocol.UDP, new InetSocketAddress("127.0.0.1", 1053), "timeout");
    FORWARDER.workerRequest(DnsProtocol.TCP, new InetSocketAddress("127.0.0.1", 1053), 2_000_000);
    HttpResponse<String> r = get(port, "/v1/metrics/dns");
    assertThat(r.statusCode()).isEqualTo(200);
    PrometheusText text = PrometheusText.parse(r.body());
    assertThat(text.types)
        .containsEntry("zone_records", "gauge")
        .containsEntry("forwarder_failures_total", "counter")
        .containsEntry("worker_failures_total", "counter")
        .containsEntry("worker_requests_duration_seconds", "summary");
    assertThat(text.samples("zone_records"))
        .extracting(s -> s.labels().get("zone"))
        .containsExactlyInAnyOrder(
            "dcos.thisdcos.directory", "mesos.thisdcos.directory", "component.thisdcos.directory");
    assertThat(text.samples("worker_failures_total"))
        .anySatisfy(
            s ->
                assertThat(s.labels())
                    .isEqualTo(
                        Map.of(
                            "protocol", "udp",
                            "upstream_address", "127.0.0.1:1053",
                            "reason", "timeout")));
    assertThat(text.samples("worker_requests_duration_seconds_count"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.labels())
                    .isEqualTo(Map.of("protocol", "tcp", "upstream_address", "127.0.0.1:1053")));
    assertThat(text.samples("worker_requests_duration_seconds_sum"))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(0.002));
    assertThat(text.samples("forwarder_failures_total"))
        .singleElement()
        .satisfies(
            s -> assertThat(s.labels()).isEqualTo(Map.of("zone", "mesos.thisdcos.directory")));
  }

  @Test
  void metricsMesosListenerRegistryAndUnknownRegistry() throws Exception {
    PrometheusText text = PrometheusText.parse(get(port, "/v1/metrics/mesos_listener").body());
    assertThat(text.samples("messages_total"))
        .singleElement()
        .extracting(s -> s.value())
        .isEqualTo(3.0);
    HttpResponse<String> unknown = get(port, "/v1/metrics/nope");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("Unknown Registry");
  }

  @Test
  void otherMethodsGet405() throws Exception {
    HttpResponse<String> r =
        TestNodeApi.CLIENT.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/v1/records"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
  }
}
