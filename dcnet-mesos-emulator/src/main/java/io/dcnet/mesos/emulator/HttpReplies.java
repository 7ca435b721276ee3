package io.dcnet.mesos.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.dcnet.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Small helpers for answering {@link HttpExchange}s the way Mesos does.
 *
 * <p>Thread-safe: stateless.
 */
final class HttpReplies {
  private static final int MAX_BODY = 1 << 20;

  private HttpReplies() {}

  static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  static void json(HttpExchange ex, byte[] body) throws IOException {
    send(ex, 200, "application/json", body);
  }

  static void text(HttpExchange ex, int status, String message) throws IOException {
    send(ex, status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
  }

  /** 401 unless the request carries {@code Authorization: token=<token>} (null token: no check). */
  static boolean authorized(HttpExchange ex, String token) throws IOException {
    if (token == null
        || ("token=" + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      return true;
    }
    ex.getResponseHeaders().set("WWW-Authenticate", "Mesos realm=\"mesos\"");
    text(ex, 401, "Unauthorized");
    return false;
  }

  /** The {@code type} of a JSON {@code Call} body, or null after answering 405/415/400 itself. */
  static String callType(HttpExchange ex) throws IOException {
    if (!"POST".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Allow", "POST");
      text(ex, 405, "Expecting one of { 'POST' }, but received '" + ex.getRequestMethod() + "'");
      return null;
    }
    String ct = ex.getRequestHeaders().getFirst("Content-Type");
    if (ct != null && !ct.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      text(ex, 415, "Unsupported 'Content-Type': " + ct + " (expected: application/json)");
      return null;
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(MAX_BODY);
    }
    JsonNode call;
    try {
      call = Json.mapper().readTree(body);
    } catch (IOException e) {
      text(ex, 400, "Failed to parse body into Call: " + e.getMessage());
      return null;
    }
    JsonNode type = Json.field(call, "type");
    if (type == null || !type.isTextual()) {
      text(ex, 400, "Failed to validate master::Call: Expecting 'type' to be present");
      return null;
    }
    return type.textValue();
  }

  /** The request path plus query, as written. */
  static String pathAndQuery(HttpExchange ex) {
    String raw = ex.getRequestURI().getRawPath();
    String q = ex.getRequestURI().getRawQuery();
    return q == null ? raw : raw + "?" + q;
  }
}
