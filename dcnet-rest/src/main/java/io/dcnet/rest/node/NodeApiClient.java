package io.dcnet.rest.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.json.Json;
import io.dcnet.l4lb.api.VipBackendEntry;
import io.dcnet.l4lb.api.VipEntry;
import io.dcnet.nodedns.api.DnsApiView;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A client of the node REST API ({@link NodeRestApi}) for the CLI verbs, on {@code java.net.http}.
 * Every failure is a {@link NodeApiException} whose message the CLI shows after its own prefix;
 * when nothing listens at the base URI it reads {@code no daemon answering at
 * http://127.0.0.1:62080 (is `dcnet master`/`dcnet agent` running? --api to point elsewhere)}.
 *
 * <p>Thread-safe; {@link #close()} releases the HTTP client.
 */
public final class NodeApiClient implements AutoCloseable {
  public static final URI DEFAULT_BASE =
      URI.create("http://" + NodeRestApi.DEFAULT_BIND + ":" + NodeRestApi.DEFAULT_PORT);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The answer of {@code /v1/version}. */
  public record Version(String service, String version) {}

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  /** A client of {@link #DEFAULT_BASE}. */
  public NodeApiClient() {
    this(DEFAULT_BASE, DEFAULT_TIMEOUT);
  }

  /**
   * @param base e.g. {@code http://127.0.0.1:62080} (a trailing slash is ignored)
   * @param timeout per request, also the connect timeout
   */
  public NodeApiClient(URI base, Duration timeout) {
    Objects.requireNonNull(base, "base");
    if (base.getScheme() == null
        || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
        || base.getHost() == null) {
      throw new IllegalArgumentException(
          "base: " + base + " (expected: http://host:port, e.g. " + DEFAULT_BASE + ")");
    }
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public URI base() {
    return base;
  }

  /** {@code GET /v1/records}. */
  public List<DnsApiView.RecordEntry> records() throws NodeApiException {
    return list(
        "/v1/records",
        n -> new DnsApiView.RecordEntry(text(n, "name"), text(n, "host"), text(n, "rtype")));
  }

  /** {@code GET /v1/hosts/{name}}. */
  public List<DnsApiView.HostEntry> hosts(String name) throws NodeApiException {
    return list(
        "/v1/hosts/" + segment("name", name),
        n -> new DnsApiView.HostEntry(text(n, "host"), text(n, "ip")));
  }

  /** {@code GET /v1/services/{name}}; {@code ip} is null when absent. */
  public List<DnsApiView.ServiceEntry> services(String name) throws NodeApiException {
    return list(
        "/v1/services/" + segment("name", name),
        n ->
            new DnsApiView.ServiceEntry(
                text(n, "service"),
                text(n, "host"),
                n.path("port").asInt(),
                n.hasNonNull("ip") ? n.get("ip").asText() : null));
  }

  /** {@code GET /v1/vips}: every VIP with its backends. */
  public List<VipEntry> vips() throws NodeApiException {
    return list(
        "/v1/vips",
        n -> {
          List<VipBackendEntry> backends = new ArrayList<>();
          n.path("backend")
              .forEach(
                  b -> backends.add(new VipBackendEntry(text(b, "ip"), b.path("port").asInt())));
          return new VipEntry(text(n, "vip"), text(n, "protocol"), backends);
        });
  }

  /** {@code GET /v1/nodes}; {@code role} is {@code ""} and reachable true when not sent. */
  public List<NodeRecord> nodes() throws NodeApiException {
    return list(
        "/v1/nodes",
        n -> {
          List<String> pub = new ArrayList<>();
          n.path("public_ips").forEach(p -> pub.add(p.asText()));
          return new NodeRecord(
              text(n, "private_ip"),
              pub,
              text(n, "hostname"),
              Instant.parse(text(n, "updated")),
              n.path("role").asText(""),
              n.path("reachable").asBoolean(true));
        });
  }

  /** {@code GET /v1/version}. */
  public Version version() throws NodeApiException {
    JsonNode n = json("/v1/version");
    try {
      return new Version(text(n, "Service"), text(n, "Version"));
    } catch (IllegalArgumentException e) {
      throw invalid("/v1/version", e);
    }
  }

  /** {@code GET /v1/metrics/{registry}}: the Prometheus text. */
  public String metrics(String registry) throws NodeApiException {
    return get("/v1/metrics/" + segment("registry", registry));
  }

  @Override
  public void close() {
    http.close();
  }

  private <T> List<T> list(String path, Function<JsonNode, T> parse) throws NodeApiException {
    JsonNode n = json(path);
    if (!n.isArray()) {
      throw invalid(path, new IllegalArgumentException("expected a JSON array"));
    }
    List<T> out = new ArrayList<>();
    try {
      for (JsonNode e : n) {
        out.add(parse.apply(e));
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw invalid(path, e);
    }
    return out;
  }

  private JsonNode json(String path) throws NodeApiException {
    String body = get(path);
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw invalid(path, e);
    }
  }

  private String get(String path) throws NodeApiException {
    URI uri = URI.create(base + path);
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new NodeApiException(
          "the daemon at " + base + " did not answer GET " + path + " within " + timeout, 0, e);
    } catch (IOException e) {
      if (isConnectFailure(e)) {
        throw new NodeApiException(
            "no daemon answering at "
                + base
                + " (is `dcnet master`/`dcnet agent` running? --api to point elsewhere)",
            0,
            e);
      }
      throw new NodeApiException("GET " + uri + " failed: " + e, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeApiException("GET " + uri + " interrupted", 0, e);
    }
    if (resp.statusCode() != 200) {
      String b = resp.body() == null ? "" : resp.body().strip();
      throw new NodeApiException(
          "GET "
              + uri
              + " answered HTTP "
              + resp.statusCode()
              + (b.isEmpty() ? "" : ": " + (b.length() > 200 ? b.substring(0, 200) + "..." : b)),
          resp.statusCode(),
          null);
    }
    return resp.body();
  }

  private static boolean isConnectFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  private NodeApiException invalid(String path, Exception e) {
    return new NodeApiException(
        "GET " + base + path + " returned unexpected JSON: " + e.getMessage(), 0, e);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isValueNode() || v.isNull()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return v.asText();
  }

  /** Percent-encodes one path segment (everything but RFC 3986 unreserved characters). */
  private static String segment(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + ": '' (expected: a non-empty name)");
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }
}
