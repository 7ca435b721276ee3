package io.dcnet.mesos.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.dcnet.mesos.http.MesosClientConfig;
import io.dcnet.mesos.http.MesosHttpClientFactory;
import io.dcnet.mesos.http.TestTls;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Pid;
import io.dcnet.mesos.recordio.RecordIoDecoder;
import io.dcnet.mesos.v1.V1Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stream over TLS with a verified certificate, a 307 to a host name (so the leader PID comes
 * from GET_MASTER) and records split across many small chunks.
 */
class HttpsSubscriberTest {
  private HttpsServer server;
  private OperatorApiSubscriber sub;

  @AfterEach
  void tearDown() {
    if (sub != null) {
      sub.close();
    }
    server.stop(0);
  }

  @Test
  void subscribesOverTlsThroughAHostNameRedirect() throws Exception {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext()));
    server.setExecutor(Executors.newCachedThreadPool());
    int port = server.getAddress().getPort();
    server.createContext("/api/v1", ex -> handle(ex, port));
    server.start();

    sub =
        new OperatorApiSubscriber(
            MesosHttpClientFactory.create(
                MesosClientConfig.plain().withTls(TestTls.file("ca.pem"), null, null)),
            () -> List.of("127.0.0.1:" + port),
            SubscriberOptions.defaults()
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(100)));
    sub.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> sub.subscriptions() == 1);
    assertThat(sub.snapshot().leader()).isEqualTo("master@127.0.0.1:" + port);
    assertThat(sub.snapshot().agents()).containsOnlyKeys("a1");
  }

  private static void handle(HttpExchange ex, int port) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String host = ex.getRequestHeaders().getFirst("Host");
      if (host.startsWith("127.0.0.1")) {
        ex.getResponseHeaders().set("Location", "//localhost:" + port + "/api/v1");
        ex.sendResponseHeaders(307, -1);
        return;
      }
      if (body.contains("GET_MASTER")) {
        byte[] reply =
            V1Json.renderGetMaster(new Pid("master", "127.0.0.1", port), "m1", "localhost");
        ex.sendResponseHeaders(200, reply.length);
        ex.getResponseBody().write(reply);
        return;
      }
      MasterState state =
          new MasterState("", List.of(new Agent("a1", "h", "slave(1)@10.0.0.1:5051")), List.of());
      byte[] stream = RecordIoDecoder.encode(V1Json.renderSubscribed(state, 0.1));
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      for (int i = 0; i < stream.length; i += 7) { // many tiny chunks
        out.write(stream, i, Math.min(7, stream.length - i));
        out.flush();
      }
      byte[] beat = RecordIoDecoder.encode(V1Json.renderHeartbeat());
      for (int i = 0; i < 100; i++) { // bounded: 10 s of heartbeats
        out.write(beat);
        out.flush();
        LockSupport.parkNanos(100_000_000L);
      }
    } catch (IOException e) {
      // the client went away
    }
  }
}
