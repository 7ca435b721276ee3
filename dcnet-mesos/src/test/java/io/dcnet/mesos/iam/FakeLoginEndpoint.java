package io.dcnet.mesos.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DC/OS login endpoint on loopback that verifies the RS256 JWT (signature with the account's
 * public key, {@code uid}, {@code exp == clock + 1h}) and answers with the next queued token. A
 * verification failure answers 401 and is recorded in {@link #failures()}.
 *
 * <p>Thread-safe: handler state is concurrent.
 */
final class FakeLoginEndpoint implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final String uid;
  private final PublicKey publicKey;
  private final Clock clock;
  private final ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger logins = new AtomicInteger();
  private volatile int status = 200;
  private volatile String lastToken = "no-token-queued";

  FakeLoginEndpoint(String uid, PublicKey publicKey, Clock clock) throws IOException {
    this.uid = uid;
    this.publicKey = publicKey;
    this.clock = clock;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/acs/api/v1/auth/login", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/acs/api/v1/auth/login");
  }

  /** Tokens to hand out in order; the last one is repeated. */
  FakeLoginEndpoint tokens(String... values) {
    tokens.addAll(List.of(values));
    return this;
  }

  /** Answer every login with this status (and an error body) instead of a token. */
  void failWith(int value) {
    status = value;
  }

  int logins() {
    return logins.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      logins.incrementAndGet();
      String problem = verify(ex);
      if (problem != null) {
        failures.add(problem);
        reply(ex, 401, "{\"title\":\"Invalid JWT\",\"description\":\"" + problem + "\"}");
      } else if (status != 200) {
        reply(ex, status, "{\"title\":\"boom\"}");
      } else {
        String next = tokens.poll();
        if (next != null) {
          lastToken = next;
        }
        reply(ex, 200, JSON.createObjectNode().put("token", lastToken).toString());
      }
    }
  }

  private String verify(HttpExchange ex) {
    try {
      if (!"POST".equals(ex.getRequestMethod())
          || !"application/json".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
        return "expected a JSON POST";
      }
      JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
      if (!uid.equals(body.path("uid").asText())) {
        return "body uid " + body.path("uid");
      }
      String[] parts = body.path("token").asText().split("\\.", -1);
      if (parts.length != 3) {
        return "JWT has " + parts.length + " parts";
      }
      Base64.Decoder dec = Base64.getUrlDecoder();
      JsonNode header = JSON.readTree(dec.decode(parts[0]));
      if (!"RS256".equals(header.path("alg").asText())
          || !"JWT".equals(header.path("typ").asText())) {
        return "header " + header;
      }
      Signature sig = Signature.getInstance("SHA256withRSA");
      sig.initVerify(publicKey);
      sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (parts[2].contains("=") || !sig.verify(dec.decode(parts[2]))) {
        return "bad signature";
      }
      JsonNode claims = JSON.readTree(dec.decode(parts[1]));
      if (!uid.equals(claims.path("uid").asText())) {
        return "claim uid " + claims.path("uid");
      }
      long expected = clock.instant().getEpochSecond() + 3600;
      if (claims.path("exp").asLong() != expected) {
        return "exp " + claims.path("exp") + " (expected " + expected + ")";
      }
      return null;
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static void reply(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(code, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
