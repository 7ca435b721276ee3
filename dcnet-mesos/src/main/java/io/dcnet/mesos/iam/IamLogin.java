package io.dcnet.mesos.iam;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.mesos.http.TokenSource;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * DC/OS service-account login, as Mesos-DNS's {@code mesosAuthentication: "iam"}: signs an RS256
 * JWT {@code {"uid": uid, "exp": now + 1h}} with the account's key, POSTs {@code {"uid": uid,
 * "token": jwt}} to the login endpoint and returns the {@code token} of the JSON reply. Use it with
 * {@link io.dcnet.mesos.http.MesosAuth#renewingToken}.
 *
 * <p>Thread-safe: immutable; each {@link #fetchToken()} blocks the caller for one HTTP exchange.
 */
public final class IamLogin implements TokenSource {
  /** Lifetime of the login JWT ({@code exp} claim), as in Mesos-DNS. */
  public static final Duration JWT_LIFETIME = Duration.ofHours(1);

  /** Default timeout of the login request. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
  private static final int MAX_ERROR_BODY = 200;

  private final IamConfig config;
  private final HttpClient client;
  private final Clock clock;
  private final Duration timeout;

  /** A login with the system clock and {@link #DEFAULT_TIMEOUT}. */
  public IamLogin(IamConfig config, HttpClient client) {
    this(config, client, Clock.systemUTC(), DEFAULT_TIMEOUT);
  }

  /**
   * @param client used for the login POST (give it the TLS settings the endpoint needs)
   * @param clock source of the {@code exp} claim
   * @param timeout whole-request timeout of the login POST, positive
   */
  public IamLogin(IamConfig config, HttpClient client, Clock clock, Duration timeout) {
    this.config = Objects.requireNonNull(config, "config");
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
    this.timeout = timeout;
  }

  /**
   * Logs in and returns the DC/OS auth token.
   *
   * @throws IOException the endpoint is unreachable, answered non-200 (the status is in the
   *     message) or without a {@code token}
   */
  @Override
  public String fetchToken() throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("uid", config.uid());
    body.put("token", jwt(clock.instant()));
    HttpRequest request =
        HttpRequest.newBuilder(config.loginEndpoint())
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("User-Agent", "dcnet")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new IOException(where() + ": timed out after " + timeout, e);
    } catch (IOException e) {
      throw new IOException(where() + ": " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          where() + ": HTTP " + response.statusCode() + snippet(response.body()) + hint(response));
    }
    try {
      JsonNode reply = JSON.readTree(response.body());
      JsonNode token = reply == null ? null : reply.get("token");
      if (token != null && token.isTextual() && !token.asText().isEmpty()) {
        return token.asText();
      }
    } catch (JacksonException e) {
      // reported below
    }
    throw new IOException(where() + ": reply has no token (expected: {\"token\": \"...\"})");
  }

  /** The signed login JWT for {@code now}: header.claims.signature, base64url without padding. */
  String jwt(Instant now) throws IOException {
    ObjectNode claims = JSON.createObjectNode();
    claims.put("uid", config.uid());
    claims.put("exp", now.plus(JWT_LIFETIME).getEpochSecond());
    String signingInput = b64(HEADER) + "." + b64(claims.toString());
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(config.privateKey());
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IOException("IAMConfigFile: private_key: cannot sign an RS256 JWT: " + e, e);
    }
  }

  private static String b64(String json) {
    return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private String where() {
    return "IAM login of " + config.uid() + " at " + config.loginEndpoint();
  }

  private static String hint(HttpResponse<?> response) {
    return switch (response.statusCode()) {
      case 401, 403 -> " (check uid and private_key of the IAMConfigFile)";
      default -> "";
    };
  }

  private static String snippet(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String s = body.strip();
    return " (" + (s.length() > MAX_ERROR_BODY ? s.substring(0, MAX_ERROR_BODY) + "..." : s) + ")";
  }

  @Override
  public String toString() {
    return "IamLogin[uid=" + config.uid() + ", endpoint=" + config.loginEndpoint() + "]";
  }
}
