package io.dcnet.rest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dcnet.core.json.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A complete response: status, content type, extra headers and body. The server adds {@code
 * Content-Length} and {@code Connection}.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class HttpResponse {
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";

  private final int status;
  private final String contentType;
  private final Map<String, String> headers;
  private final byte[] body;

  private HttpResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status: " + status + " (expected: 100-599)");
    }
    this.status = status;
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body;
  }

  /** Any content type; the body is copied. */
  public static HttpResponse of(int status, String contentType, byte[] body) {
    return new HttpResponse(status, contentType, Map.of(), body.clone());
  }

  /** {@code value} (a Jackson tree, record, map, list, ...) serialised with the shared mapper. */
  public static HttpResponse json(int status, Object value) {
    try {
      return new HttpResponse(status, JSON, Map.of(), Json.mapper().writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise response body to JSON", e);
    }
  }

  /** 200 with a JSON body. */
  public static HttpResponse ok(Object value) {
    return json(200, value);
  }

  /** A UTF-8 plain-text body. */
  public static HttpResponse text(int status, String text) {
    return new HttpResponse(status, TEXT, Map.of(), text.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON error: {@code {"code": status, "error": message}}. */
  public static HttpResponse error(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status);
    body.put("error", message);
    return json(status, body);
  }

  /** This response with one more header (replacing one of the same name, any case). */
  public HttpResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    h.put(name, Objects.requireNonNull(value, "value"));
    return new HttpResponse(status, contentType, h, body);
  }

  /**
   * Conditional GET support: tags a 2xx response with a strong {@code ETag} computed from its body
   * and, when the request's {@code If-None-Match} matches it, returns {@code 304 Not Modified} with
   * no body instead.
   */
  public HttpResponse withETag(HttpApiRequest request) {
    if (status < 200 || status > 299) {
      return this;
    }
    String etag = HttpETag.of(body);
    if (HttpETag.matches(request.header("If-None-Match"), etag)) {
      return new HttpResponse(304, contentType, Map.of("ETag", etag), new byte[0]);
    }
    return withHeader("ETag", etag);
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The value of header {@code name} (any case), or null. */
  public String header(String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return e.getValue();
      }
    }
    return null;
  }

  /** A copy of the body. */
  public byte[] body() {
    return body.clone();
  }

  /** The body without copying; only for the server's write path. */
  byte[] bodyUnsafe() {
    return body;
  }

  public String bodyUtf8() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "HttpResponse{" + status + ", " + contentType + ", " + body.length + " bytes}";
  }
}
