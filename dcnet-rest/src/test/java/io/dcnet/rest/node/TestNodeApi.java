package io.dcnet.rest.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.core.json.Json;
import io.dcnet.l4lb.api.VipsView;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Hand-built zones and nodes, and small HTTP helpers, shared by the node API tests. */
final class TestNodeApi {
  private TestNodeApi() {}

  static Map<String, DnsZone> zones() {
    Map<String, List<ZoneRecord>> dcos = new LinkedHashMap<>();
    dcos.put(
        "web.marathon.autoip.dcos.thisdcos.directory",
        List.of(new ZoneRecord.A("10.0.0.6"), new ZoneRecord.A("10.0.0.5")));
    dcos.put(
        "web.marathon.containerip.dcos.thisdcos.directory",
        List.of(new ZoneRecord.Aaaa("fd01:b::5")));
    Map<String, List<ZoneRecord>> mesos = new LinkedHashMap<>();
    mesos.put(
        "_web._tcp.marathon.mesos.thisdcos.directory",
        List.of(
            new ZoneRecord.Srv(1, 1, 31000, "web-abc.marathon.mesos.thisdcos.directory"),
            new ZoneRecord.Srv(1, 1, 31001, "elsewhere.example.org")));
    mesos.put("web-abc.marathon.mesos.thisdcos.directory", List.of(new ZoneRecord.A("10.0.0.5")));
    Map<String, List<ZoneRecord>> component = new LinkedHashMap<>();
    component.put(
        "registry.component.thisdcos.directory",
        List.of(new ZoneRecord.Cname("master.dcos.thisdcos.directory")));
    Map<String, DnsZone> zones = new LinkedHashMap<>();
    zones.put("dcos.thisdcos.directory", new DnsZone("dcos.thisdcos.directory", dcos));
    zones.put("mesos.thisdcos.directory", new DnsZone("mesos.thisdcos.directory", mesos));
    zones.put(
        "component.thisdcos.directory", new DnsZone("component.thisdcos.directory", component));
    return Map.copyOf(zones);
  }

  static List<NodeRecord> nodes() {
    return List.of(
        new NodeRecord(
            "10.0.0.6",
            List.of(),
            "agent-1.example",
            Instant.parse("2026-11-21T07:00:00Z"),
            "agent",
            false),
        new NodeRecord(
            "10.0.0.5",
            List.of("52.1.2.3"),
            "master-1.example",
            Instant.parse("2026-11-21T07:00:00.123456Z"),
            "master",
            true));
  }

  /** Three VIPs: IPv4 with two backends, IPv6 UDP, and a named one. */
  static VipsView vips() {
    TreeMap<VipId, List<Backend>> m = new TreeMap<>();
    m.put(
        new VipId(Protocol.TCP, "11.0.0.1", 80),
        List.of(
            new Backend("10.0.0.6", "10.0.0.6", 31001, 1),
            new Backend("10.0.0.5", "10.0.0.5", 31000, 0)));
    m.put(
        new VipId(Protocol.UDP, "fd01:c::1", 53),
        List.of(new Backend("10.0.0.5", "fd00::5", 5353, 1)));
    m.put(
        new VipId(Protocol.TCP, "web.marathon", 8080),
        List.of(new Backend("10.0.0.5", "10.0.0.5", 31002, 1)));
    return VipsView.of(m);
  }

  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), BodyHandlers.ofString());
  }

  static JsonNode golden(String name) throws IOException {
    try (InputStream in = TestNodeApi.class.getResourceAsStream("/golden/node/" + name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return Json.mapper().readTree(in);
    }
  }

  static JsonNode tree(String json) throws IOException {
    return Json.mapper().readTree(json);
  }
}
