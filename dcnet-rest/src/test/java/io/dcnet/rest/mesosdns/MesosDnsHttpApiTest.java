package io.dcnet.rest.mesosdns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.json.Json;
import io.dcnet.mesosdns.records.MesosDnsSnapshot;
import io.dcnet.rest.http.HttpApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Mesos-DNS /v1 routes over real HTTP on loopback, against hand-built records. */
class MesosDnsHttpApiTest {
  private static HttpApiServer server;
  private static HttpClient client;

  @BeforeAll
  static void start() throws IOException {
    server = new HttpApiServer("mesos-dns-http-test", "127.0.0.1", 0);
    new MesosDnsHttpApi(TestMesosDns.config(true, "s3cret"), TestMesosDns::snapshot, "0.1.0-test")
        .register(server);
    server.start();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(HttpApiServer s, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build(),
        BodyHandlers.ofString());
  }

  static JsonNode getJson(HttpApiServer s, String path) throws Exception {
    HttpResponse<String> r = get(s, path);
    assertThat(r.statusCode()).as("status of %s", path).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    return Json.mapper().readTree(r.body());
  }

  static JsonNode golden(String name) throws IOException {
    try (InputStream in = MesosDnsHttpApiTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return Json.mapper().readTree(in);
    }
  }

  static JsonNode tree(String json) throws IOException {
    return Json.mapper().readTree(json);
  }

  @Test
  void versionKeepsUpstreamKeys() throws Exception {
    assertThat(getJson(server, "/v1/version"))
        .isEqualTo(
            tree(
                "{\"Service\":\"Mesos-DNS\",\"Version\":\"0.1.0-test\","
                    + "\"URL\":\"https://github.com/mesosphere/mesos-dns\"}"));
  }

  @Test
  void configHasGoFieldNamesAndTheSecretRedacted() throws Exception {
    JsonNode config = getJson(server, "/v1/config");
    assertThat(config).isEqualTo(golden("config.json"));
    assertThat(get(server, "/v1/config").body()).doesNotContain("s3cret");
  }

  @Test
  void hostsListsEveryAThenEveryAaaaOfTheNormalisedName() throws Exception {
    JsonNode expected =
        tree(
            "[{\"host\":\"web.marathon.mesos.\",\"ip\":\"10.0.0.1\"},"
                + "{\"host\":\"web.marathon.mesos.\",\"ip\":\"10.0.0.2\"},"
                + "{\"host\":\"web.marathon.mesos.\",\"ip\":\"fd00::1\"}]");
    assertThat(getJson(server, "/v1/hosts/web.marathon.mesos")).isEqualTo(expected);
    assertThat(getJson(server, "/v1/hosts/Web.*.Marathon.MESOS.")).isEqualTo(expected);
    assertThat(getJson(server, "/v1/hosts/leader.mesos."))
        .isEqualTo(tree("[{\"host\":\"leader.mesos.\",\"ip\":\"10.0.0.100\"}]"));
  }

  @Test
  void hostsMissIsOneBlankEntryWith200() throws Exception {
    assertThat(getJson(server, "/v1/hosts/nothing.mesos"))
        .isEqualTo(tree("[{\"host\":\"\",\"ip\":\"\"}]"));
  }

  @Test
  void hostPortsIsNotImplemented() throws Exception {
    HttpResponse<String> r = get(server, "/v1/hosts/web.marathon.mesos/ports");
    assertThat(r.statusCode()).isEqualTo(501);
    assertThat(r.body()).isEqualTo("To be implemented...");
  }

  @Test
  void servicesGiveFirstAAndFirstAaaaPerSrvAndSkipTargetsWithoutAddress() throws Exception {
    assertThat(getJson(server, "/v1/services/_web._tcp.Marathon.mesos"))
        .isEqualTo(golden("services-web.json"));
    assertThat(getJson(server, "/v1/services/_v6._tcp.marathon.*.mesos."))
        .isEqualTo(
            tree(
                "[{\"service\":\"_v6._tcp.marathon.*.mesos.\",\"host\":\"v6-xyz-s1.marathon.mesos.\","
                    + "\"ip\":\"fd00::20\",\"port\":\"80\"}]"));
  }

  @Test
  void servicesMissIsOneBlankEntryWith200() throws Exception {
    assertThat(getJson(server, "/v1/services/_none._tcp.marathon.mesos"))
        .isEqualTo(tree("[{\"service\":\"\",\"host\":\"\",\"ip\":\"\",\"port\":\"\"}]"));
  }

  @Test
  void enumerateAndAxfrMatchTheGoldenShapes() throws Exception {
    assertThat(getJson(server, "/v1/enumerate")).isEqualTo(golden("enumerate.json"));
    assertThat(getJson(server, "/v1/axfr")).isEqualTo(golden("axfr.json"));
  }

  @Test
  void unknownRouteIs404AndWrongMethodIs405() throws Exception {
    assertThat(get(server, "/v1/nothing").statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/version"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void enumerationOffHidesEnumerateAndAxfrAndNoSecretGivesEmptyString() throws Exception {
    try (HttpApiServer s = new HttpApiServer("enum-off", "127.0.0.1", 0)) {
      new MesosDnsHttpApi(TestMesosDns.config(false, ""), TestMesosDns::snapshot, "v").register(s);
      s.start();
      assertThat(get(s, "/v1/enumerate").statusCode()).isEqualTo(404);
      assertThat(get(s, "/v1/axfr").statusCode()).isEqualTo(404);
      assertThat(getJson(s, "/v1/hosts/leader.mesos").get(0).get("ip").asText())
          .isEqualTo("10.0.0.100");
      JsonNode config = getJson(s, "/v1/config");
      assertThat(config.get("EnumerationOn").asBoolean()).isFalse();
      assertThat(config.get("MesosCredentials"))
          .isEqualTo(tree("{\"Principal\":\"\",\"Secret\":\"\"}"));
    }
  }

  @Test
  void beforeTheFirstRefreshRecordRoutesAre503() throws Exception {
    AtomicReference<MesosDnsSnapshot> current = new AtomicReference<>();
    try (HttpApiServer s = new HttpApiServer("no-snapshot", "127.0.0.1", 0)) {
      new MesosDnsHttpApi(TestMesosDns.config(true, "x"), current::get, "v").register(s);
      s.start();
      for (String path :
          new String[] {
            "/v1/hosts/a.mesos", "/v1/services/_a._tcp.mesos", "/v1/enumerate", "/v1/axfr"
          }) {
        HttpResponse<String> r = get(s, path);
        assertThat(r.statusCode()).as(path).isEqualTo(503);
        assertThat(tree(r.body()).get("error").asText()).contains("first successful refresh");
      }
      assertThat(get(s, "/v1/version").statusCode()).isEqualTo(200);
      assertThat(getJson(s, "/v1/config").get("SOASerial").asLong()).isZero();
      current.set(TestMesosDns.snapshot());
      assertThat(getJson(s, "/v1/config").get("SOASerial").asLong()).isEqualTo(TestMesosDns.SERIAL);
      assertThat(get(s, "/v1/axfr").statusCode()).isEqualTo(200);
    }
  }
}
