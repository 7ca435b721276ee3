package io.dcnet.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpApiServerTest {
  private static HttpApiServer server;
  private static HttpClient client;

  @BeforeAll
  static void start() throws IOException {
    server = new HttpApiServer("test-http", "127.0.0.1", 0, 1024);
    server
        .get("/v1/items/{id}", req -> HttpResponse.ok(Map.of("id", req.pathParam("id"))))
        .get("/v1/items/special", req -> HttpResponse.ok(Map.of("special", true)))
        .get("/v1/query", req -> HttpResponse.ok(Map.of("q", String.valueOf(req.queryParam("q")))))
        .post("/v1/echo", req -> HttpResponse.text(200, req.bodyUtf8()))
        .get(
            "/v1/boom",
            req -> {
              throw new IllegalStateException("boom");
            })
        .get("/v1/tagged", req -> HttpResponse.ok(Map.of("v", 1)).withETag(req))
        .route(
            HttpRoute.get(
                    "/v1/slow",
                    req -> HttpResponse.text(200, "slow:" + Thread.currentThread().isVirtual()))
                .asBlocking())
        .get("/v1/fast", req -> HttpResponse.text(200, "fast"))
        .start();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static java.net.http.HttpResponse<String> get(String path, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(5));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.GET().build(), BodyHandlers.ofString());
  }

  private static JsonNode json(String body) throws IOException {
    return Json.mapper().readTree(body);
  }

  @Test
  void pathParametersArePercentDecodedAndLiteralRoutesWin() throws Exception {
    assertThat(json(get("/v1/items/a%2Fb+c").body()).get("id").asText()).isEqualTo("a/b+c");
    assertThat(json(get("/v1/items/special").body()).get("special").asBoolean()).isTrue();
    assertThat(json(get("/v1/query?q=x%20y").body()).get("q").asText()).isEqualTo("x y");
  }

  @Test
  void jsonResponsesCarryContentTypeAndAcceptJsonIsFine() throws Exception {
    var r = get("/v1/items/7", "Accept", "application/json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    assertThat(json(r.body()).get("id").asText()).isEqualTo("7");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405WithAllow() throws Exception {
    var notFound = get("/v1/nothing");
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(json(notFound.body()).get("error").asText()).contains("/v1/nothing");
    var wrong = get("/v1/echo");
    assertThat(wrong.statusCode()).isEqualTo(405);
    assertThat(wrong.headers().firstValue("allow")).contains("POST");
    assertThat(get("/v1/items/").statusCode()).isEqualTo(404);
  }

  @Test
  void postBodyReachesTheHandler() throws Exception {
    var r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":1}"))
                .build(),
            BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"hello\":1}");
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    var r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(4096)))
                .build(),
            BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void handlerExceptionGives500AndServerKeepsServing() throws Exception {
    long before = server.handlerFailures();
    var r = get("/v1/boom");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(json(r.body()).get("error").asText()).contains("IllegalStateException");
    assertThat(get("/v1/boom").statusCode()).isEqualTo(500);
    assertThat(server.handlerFailures()).isEqualTo(before + 2);
    assertThat(get("/v1/items/1").statusCode()).isEqualTo(200);
  }

  @Test
  void blockingRoutesRunOnVirtualThreads() throws Exception {
    assertThat(get("/v1/slow").body()).isEqualTo("slow:true");
  }

  @Test
  void etagGivesNotModifiedForAMatchingIfNoneMatch() throws Exception {
    var first = get("/v1/tagged");
    String etag = first.headers().firstValue("etag").orElseThrow();
    assertThat(etag).startsWith("\"").endsWith("\"");
    var again = get("/v1/tagged", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("/v1/tagged", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
    try (RawHttpConnection c = new RawHttpConnection(server.port())) {
      for (int i = 0; i < 3; i++) {
        c.send(RawHttpConnection.get("/v1/items/" + i));
        RawHttpConnection.Response r = c.read();
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r.body()).get("id").asText()).isEqualTo(String.valueOf(i));
      }
      // a 404 and a 500 do not end the connection either
      c.send(RawHttpConnection.get("/v1/none"));
      assertThat(c.read().status()).isEqualTo(404);
      c.send(RawHttpConnection.get("/v1/boom"));
      assertThat(c.read().status()).isEqualTo(500);
      c.send(RawHttpConnection.get("/v1/fast"));
      assertThat(c.read().body()).isEqualTo("fast");
    }
  }

  @Test
  void pipelinedResponsesKeepRequestOrderAcrossBlockingRoutes() throws Exception {
    try (RawHttpConnection c = new RawHttpConnection(server.port())) {
      c.send(
          RawHttpConnection.get("/v1/slow")
              + RawHttpConnection.get("/v1/fast")
              + RawHttpConnection.get("/v1/slow"));
      assertThat(c.read().body()).isEqualTo("slow:true");
      assertThat(c.read().body()).isEqualTo("fast");
      assertThat(c.read().body()).isEqualTo("slow:true");
    }
  }

  @Test
  void http10WithoutKeepAliveIsClosedAfterTheResponse() throws Exception {
    try (RawHttpConnection c = new RawHttpConnection(server.port())) {
      c.send("GET /v1/fast HTTP/1.0\r\n\r\n");
      RawHttpConnection.Response r = c.read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.headers().get("connection")).isEqualToIgnoringCase("close");
      assertThat(c.closedByPeer()).isTrue();
    }
  }

  @Test
  void malformedRequestLineGets400AndTheServerKeepsServing() throws Exception {
    try (RawHttpConnection c = new RawHttpConnection(server.port())) {
      c.send("THIS IS NOT HTTP AT ALL\r\n\r\n");
      RawHttpConnection.Response r = c.read();
      assertThat(r.status()).isEqualTo(400);
      assertThat(c.closedByPeer()).isTrue();
    }
    try (RawHttpConnection c = new RawHttpConnection(server.port())) {
      c.send("GET /v1/items/%zz HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(c.read().status()).isEqualTo(400);
    }
    assertThat(get("/v1/items/ok").statusCode()).isEqualTo(200);
  }

  @Test
  void closeFreesThePortAndASecondBindFailsWhileOpen() throws Exception {
    HttpApiServer s = new HttpApiServer("close-test", "127.0.0.1", 0);
    s.get("/x", req -> HttpResponse.text(200, "x")).start();
    int port = s.port();
    try (HttpApiServer clash = new HttpApiServer("clash", "127.0.0.1", port)) {
      assertThatThrownBy(clash::start)
          .isInstanceOf(IOException.class)
          .hasMessageContaining(String.valueOf(port));
    }
    s.close();
    s.close(); // idempotent
    assertThatThrownBy(() -> new Socket(RawHttpConnection.LOOPBACK, port).close())
        .isInstanceOf(ConnectException.class);
    try (HttpApiServer again = new HttpApiServer("again", "127.0.0.1", port)) {
      again.get("/x", req -> HttpResponse.text(200, "again")).start();
      assertThat(again.port()).isEqualTo(port);
    }
  }

  @Test
  void nioFallbackServesToo() throws Exception {
    try (HttpApiServer nio =
        new HttpApiServer("nio-test", "127.0.0.1", 0, 1024, NettyTransport.nio())) {
      nio.get("/x", req -> HttpResponse.text(200, "nio")).start();
      assertThat(nio.transport()).isEqualTo("nio");
      try (RawHttpConnection c = new RawHttpConnection(nio.port())) {
        c.send(RawHttpConnection.get("/x") + RawHttpConnection.get("/x"));
        assertThat(c.read().body()).isEqualTo("nio");
        assertThat(c.read().body()).isEqualTo("nio");
      }
    }
  }

  @Test
  void invalidSettingsAreRejectedWithTheFieldName() {
    assertThatThrownBy(() -> new HttpApiServer("x", "127.0.0.1", 70000))
        .hasMessage("port: 70000 (expected: 0-65535)");
    HttpApiServer notStarted = new HttpApiServer("x", "127.0.0.1", 0);
    assertThatThrownBy(notStarted::port).isInstanceOf(IllegalStateException.class);
    notStarted.close();
  }
}
