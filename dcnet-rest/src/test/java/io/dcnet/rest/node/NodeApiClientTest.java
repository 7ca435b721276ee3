package io.dcnet.rest.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.l4lb.api.VipBackendEntry;
import io.dcnet.l4lb.api.VipEntry;
import io.dcnet.nodedns.api.DnsApiView;
import io.dcnet.rest.http.HttpApiServer;
import io.dcnet.rest.http.HttpResponse;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link NodeApiClient} against a real server on 127.0.0.1, and against a closed port. */
class NodeApiClientTest {
  private static HttpApiServer server;
  private static HttpApiServer broken;
  private static NodeApiClient client;

  @BeforeAll
  static void start() throws Exception {
    Map<String, DnsZone> zones = TestNodeApi.zones();
    server = new HttpApiServer("node-client-test", "127.0.0.1", 0);
    new NodeRestApi(
            new DnsApiView(() -> zones),
            TestNodeApi::nodes,
            NodeMetricsRegistries.standard(),
            "1.2.3",
            TestNodeApi::vips)
        .register(server);
    server.start();
    broken = new HttpApiServer("node-client-broken", "127.0.0.1", 0);
    broken.get("/v1/version", req -> HttpResponse.text(200, "not json {"));
    broken.get("/v1/nodes", req -> HttpResponse.ok(Map.of("not", "a list")));
    broken.get("/v1/records", req -> HttpResponse.error(500, "exploded"));
    broken.start();
    client = new NodeApiClient(URI.create("http://127.0.0.1:" + server.port() + "/"), ofSeconds());
  }

  private static Duration ofSeconds() {
    return Duration.ofSeconds(5);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
    broken.close();
  }

  @Test
  void readsEveryRoute() throws Exception {
    assertThat(client.base().toString()).doesNotEndWith("/");
    assertThat(client.version()).isEqualTo(new NodeApiClient.Version("dcnet", "1.2.3"));
    assertThat(client.records())
        .hasSize(6)
        .contains(
            new DnsApiView.RecordEntry(
                "_web._tcp.marathon.mesos.thisdcos.directory",
                "elsewhere.example.org:31001",
                "SRV"));
    assertThat(client.hosts("web.marathon.autoip.dcos.thisdcos.directory"))
        .extracting(DnsApiView.HostEntry::ip)
        .containsExactly("10.0.0.6", "10.0.0.5");
    assertThat(client.hosts("nowhere")).isEmpty();
    assertThat(client.services("_web._tcp.marathon.mesos.thisdcos.directory"))
        .extracting(DnsApiView.ServiceEntry::ip)
        .containsExactly("10.0.0.5", null);
    assertThat(client.metrics("default")).contains("# TYPE ");
  }

  @Test
  void vipsShapeEtagAndRoundTrip() throws Exception {
    var resp = TestNodeApi.get(server.port(), "/v1/vips");
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.body())
        .isEqualTo(
            "[{\"vip\":\"11.0.0.1:80\",\"protocol\":\"tcp\",\"backend\":"
                + "[{\"ip\":\"10.0.0.5\",\"port\":31000},{\"ip\":\"10.0.0.6\",\"port\":31001}]},"
                + "{\"vip\":\"[fd01:c::1]:53\",\"protocol\":\"udp\",\"backend\":"
                + "[{\"ip\":\"fd00::5\",\"port\":5353}]},"
                + "{\"vip\":\"web.marathon.l4lb.thisdcos.directory:8080\",\"protocol\":\"tcp\","
                + "\"backend\":[{\"ip\":\"10.0.0.5\",\"port\":31002}]}]");
    String etag = resp.headers().firstValue("ETag").orElseThrow();
    assertThat(TestNodeApi.get(server.port(), "/v1/vips", "If-None-Match", etag).statusCode())
        .isEqualTo(304);
    assertThat(client.vips())
        .extracting(VipEntry::vip)
        .containsExactly(
            "11.0.0.1:80", "[fd01:c::1]:53", "web.marathon.l4lb.thisdcos.directory:8080");
    assertThat(client.vips().get(0).backend())
        .containsExactly(
            new VipBackendEntry("10.0.0.5", 31000), new VipBackendEntry("10.0.0.6", 31001));
    assertThat(client.metrics("l4lb")).isNotNull();
  }

  @Test
  void nodesRoundTripToMillisecondPrecision() throws Exception {
    List<NodeRecord> nodes = client.nodes();
    assertThat(nodes)
        .containsExactly(
            new NodeRecord(
                "10.0.0.5",
                List.of("52.1.2.3"),
                "master-1.example",
                Instant.parse("2026-11-21T07:00:00.123Z"),
                "master",
                true),
            new NodeRecord(
                "10.0.0.6",
                List.of(),
                "agent-1.example",
                Instant.parse("2026-11-21T07:00:00Z"),
                "agent",
                false));
  }

  @Test
  void oddNamesArePercentEncodedAndEmptyOnesRejected() throws Exception {
    assertThat(client.hosts("a b/c?d")).isEmpty();
    assertThatThrownBy(() -> client.hosts("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownRegistryIsAnErrorWithItsStatus() {
    assertThatThrownBy(() -> client.metrics("nope"))
        .isInstanceOfSatisfying(NodeApiException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("Unknown Registry");
  }

  @Test
  void closedPortGivesTheNoDaemonMessage() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI base = URI.create("http://127.0.0.1:" + port);
    try (NodeApiClient c = new NodeApiClient(base, ofSeconds())) {
      assertThatThrownBy(c::version)
          .isInstanceOf(NodeApiException.class)
          .hasMessage(
              "no daemon answering at "
                  + base
                  + " (is `dcnet master`/`dcnet agent` running? --api to point elsewhere)");
      assertThatThrownBy(c::nodes).hasMessageStartingWith("no daemon answering at");
    }
  }

  @Test
  void badAnswersAreReportedNotThrownAsParseErrors() throws Exception {
    try (NodeApiClient c =
        new NodeApiClient(URI.create("http://127.0.0.1:" + broken.port()), ofSeconds())) {
      assertThatThrownBy(c::version)
          .isInstanceOf(NodeApiException.class)
          .hasMessageContaining("unexpected JSON");
      assertThatThrownBy(c::nodes)
          .isInstanceOf(NodeApiException.class)
          .hasMessageContaining("expected a JSON array");
      assertThatThrownBy(c::records)
          .isInstanceOfSatisfying(
              NodeApiException.class, e -> assertThat(e.status()).isEqualTo(500))
          .hasMessageContaining("exploded");
    }
  }

  @Test
  void baseMustBeHttp() {
    assertThatThrownBy(() -> new NodeApiClient(URI.create("ftp://x"), ofSeconds()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: http://host:port");
    try (NodeApiClient c = new NodeApiClient()) {
      assertThat(c.base()).isEqualTo(URI.create("http://127.0.0.1:62080"));
    }
  }
}
