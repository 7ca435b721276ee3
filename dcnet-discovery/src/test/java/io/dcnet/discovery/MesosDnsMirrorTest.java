package io.dcnet.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.dcnet.core.dns.DnsZone;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mirror against a fake Mesos-DNS {@code /v1/axfr} on 127.0.0.1. */
class MesosDnsMirrorTest {
  private final AtomicReference<String> body = new AtomicReference<>(AxfrParserTest.AXFR);
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger requests = new AtomicInteger();
  private final List<DnsZone> published = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private MesosDnsMirror mirror;
  private URI url;

  @BeforeEach
  void setUp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/axfr",
        ex -> {
          requests.incrementAndGet();
          byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(status.get(), b.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/axfr");
    mirror =
        new MesosDnsMirror(
            HttpClient.newHttpClient(),
            url,
            MesosDnsMirror.DEFAULT_PERIOD,
            Duration.ofSeconds(5),
            published::add);
  }

  @AfterEach
  void tearDown() {
    mirror.close();
    server.stop(0);
  }

  @Test
  void publishesOnlyWhenTheContentChanges() throws Exception {
    assertThat(mirror.pollOnce()).isTrue();
    assertThat(published).hasSize(1);
    assertThat(published.get(0).records())
        .containsKey("_app._tcp.marathon.mesos.thisdcos.directory");

    assertThat(mirror.pollOnce()).isFalse();
    // same content with another serial and key order: no publish either
    body.set(
        AxfrParserTest.AXFR
            .replace("\"Serial\": 1700000000", "\"Serial\": 1700000099")
            .replace("[\"10.0.0.11\", \"10.0.0.12\"]", "[\"10.0.0.12\", \"10.0.0.11\"]"));
    assertThat(mirror.pollOnce()).isFalse();
    assertThat(published).hasSize(1);

    body.set(AxfrParserTest.AXFR.replace("10.0.0.12", "10.0.0.13"));
    assertThat(mirror.pollOnce()).isTrue();
    assertThat(published.get(1).records().get("app.marathon.mesos.thisdcos.directory"))
        .isEqualTo(Fixtures.a("10.0.0.11", "10.0.0.13"));
    assertThat(requests).hasValue(4);
  }

  @Test
  void failuresKeepTheLastZone() throws Exception {
    assertThat(mirror.pollOnce()).isTrue();
    status.set(500);
    assertThatThrownBy(mirror::pollOnce).hasMessageContaining("HTTP 500");
    status.set(200);
    body.set("{\"Domain\":\"mesos\"}");
    assertThatThrownBy(mirror::pollOnce).hasMessageContaining("Records");
    body.set(AxfrParserTest.AXFR);
    assertThat(mirror.pollOnce()).isFalse();
    assertThat(published).hasSize(1);
  }

  @Test
  void startedMirrorPollsRightAwayAndCountsFailures() {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      status.set(503);
      MesosDnsMirror m =
          new MesosDnsMirror(
              HttpClient.newHttpClient(),
              url,
              Duration.ofMillis(50),
              Duration.ofSeconds(5),
              published::add);
      m.start(timer);
      await().atMost(Duration.ofSeconds(10)).until(() -> m.failures() >= 2);
      status.set(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> published.size() == 1);
      m.close();
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void badSettingsAreRejected() {
    HttpClient http = HttpClient.newHttpClient();
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(
            () -> new MesosDnsMirror(http, URI.create("ftp://x/v1/axfr"), s, s, published::add))
        .hasMessageContaining("url: ftp://x/v1/axfr");
    assertThatThrownBy(() -> new MesosDnsMirror(http, url, Duration.ZERO, s, published::add))
        .hasMessageContaining("period: PT0S (expected: > 0)");
  }
}
