package io.dcnet.mesos.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MesosHttpClientFactoryTest {
  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private URI start(boolean https, boolean needClientAuth) throws Exception {
    InetSocketAddress bind = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
    if (https) {
      HttpsServer s = HttpsServer.create(bind, 0);
      s.setHttpsConfigurator(
          new HttpsConfigurator(TestTls.serverContext()) {
            @Override
            public void configure(HttpsParameters params) {
              var p = getSSLContext().getDefaultSSLParameters();
              p.setNeedClientAuth(needClientAuth);
              params.setSSLParameters(p);
            }
          });
      server = s;
    } else {
      server = HttpServer.create(bind, 0);
    }
    server.createContext(
        "/",
        ex -> {
          ex.getRequestHeaders()
              .forEach((k, v) -> seen.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    String scheme = https ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/x");
  }

  private static String get(MesosHttpClient c, URI uri) throws Exception {
    return c.client()
        .send(c.newRequest(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void plainHttpSendsUserAgentAndTokenHeader() throws Exception {
    URI uri = start(false, false);
    MesosHttpClient c =
        MesosHttpClientFactory.create(MesosClientConfig.plain().withAuth(MesosAuth.token("abc")));
    assertThat(get(c, uri)).isEqualTo("ok");
    assertThat(seen)
        .containsEntry("user-agent", "dcnet")
        .containsEntry("authorization", "token=abc");
  }

  @Test
  void basicAuthHeader() throws Exception {
    URI uri = start(false, false);
    MesosHttpClient c =
        MesosHttpClientFactory.create(
            MesosClientConfig.plain().withAuth(MesosAuth.basic("dns", "s3cret")));
    get(c, uri);
    assertThat(seen).containsEntry("authorization", "Basic ZG5zOnMzY3JldA==");
  }

  @Test
  void httpsWithCaFileVerifiesServer() throws Exception {
    URI uri = start(true, false);
    MesosHttpClient c =
        MesosHttpClientFactory.create(
            MesosClientConfig.plain().withTls(TestTls.file("ca.pem"), null, null));
    assertThat(c.scheme()).isEqualTo("https");
    assertThat(get(c, uri)).isEqualTo("ok");
  }

  @Test
  void httpsWithWrongCaFails() throws Exception {
    URI uri = start(true, false);
    MesosHttpClient c =
        MesosHttpClientFactory.create(
            MesosClientConfig.plain()
                .withTls(TestTls.file("other-ca.pem"), null, null)
                .withRequestTimeout(Duration.ofSeconds(10)));
    assertThatThrownBy(() -> get(c, uri)).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void httpsWithoutCaFileSkipsVerification() throws Exception {
    URI uri = start(true, false);
    MesosHttpClient c =
        MesosHttpClientFactory.create(MesosClientConfig.plain().withTls(null, null, null));
    assertThat(get(c, uri)).isEqualTo("ok");
  }

  @Test
  void clientCertificateIsPresented() throws Exception {
    URI uri = start(true, true);
    MesosHttpClient withCert =
        MesosHttpClientFactory.create(
            MesosClientConfig.plain()
                .withTls(
                    TestTls.file("ca.pem"),
                    TestTls.file("client.pem"),
                    TestTls.file("client-key.pem")));
    assertThat(get(withCert, uri)).isEqualTo("ok");
    MesosHttpClient without =
        MesosHttpClientFactory.create(
            MesosClientConfig.plain().withTls(TestTls.file("ca.pem"), null, null));
    assertThatThrownBy(() -> get(without, uri)).isInstanceOf(IOException.class);
  }

  @Test
  void badPemFilesNameTheField(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not pem");
    assertThatThrownBy(
            () ->
                MesosHttpClientFactory.create(MesosClientConfig.plain().withTls(junk, null, null)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("caCertFile");
    assertThatThrownBy(
            () ->
                MesosHttpClientFactory.create(
                    MesosClientConfig.plain().withTls(null, TestTls.file("client.pem"), junk)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("keyFile");
  }

  @Test
  void configValidation() {
    assertThatThrownBy(
            () ->
                new MesosClientConfig(
                    true,
                    Optional.empty(),
                    Optional.of(Path.of("c")),
                    Optional.empty(),
                    MesosAuth.none(),
                    Duration.ofSeconds(1)))
        .hasMessageContaining("certFile/keyFile");
    assertThatThrownBy(() -> MesosClientConfig.plain().withRequestTimeout(Duration.ZERO))
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> MesosAuth.basic("a:b", "x")).hasMessageContaining("principal");
    assertThat(MesosAuth.token("t").toString()).doesNotContain("t]");
  }

  @Test
  void protocolRelativeLocationGetsScheme() {
    URI base = URI.create("https://10.0.0.2:5050/api/v1");
    assertThat(MesosHttpClient.resolveLocation(base, "//m1:5050/api/v1"))
        .isEqualTo(URI.create("https://m1:5050/api/v1"));
    assertThat(MesosHttpClient.resolveLocation(base, "/master/state"))
        .isEqualTo(URI.create("https://10.0.0.2:5050/master/state"));
  }
}
