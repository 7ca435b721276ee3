package io.dcnet.rest.http;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One route: method, path pattern, handler, and whether the handler may block.
 *
 * <p>Non-blocking handlers run on the Netty event loop (right for in-memory lookups such as
 * Mesos-DNS's). Blocking handlers (I/O, locks, calls into other services) run on a virtual thread
 * of the server's worker executor; responses on one connection still go out in request order.
 *
 * <p>Immutable; thread-safe if the handler is.
 *
 * @param method upper-case HTTP method: GET, POST, PUT, DELETE or PATCH
 * @param pattern the path pattern, e.g. {@code /v1/hosts/{host}}
 * @param handler the handler
 * @param blocking true if the handler may block
 */
public record HttpRoute(String method, PathPattern pattern, HttpHandler handler, boolean blocking) {
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

  public HttpRoute {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(handler, "handler");
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException(
          "method: " + method + " (expected one of " + METHODS + ")");
    }
  }

  /** A route for {@code method} (any case) and a pattern string. */
  public static HttpRoute of(String method, String pattern, HttpHandler handler) {
    return new HttpRoute(
        method.toUpperCase(Locale.ROOT), PathPattern.parse(pattern), handler, false);
  }

  /** A non-blocking GET route. */
  public static HttpRoute get(String pattern, HttpHandler handler) {
    return of("GET", pattern, handler);
  }

  /** A non-blocking POST route. */
  public static HttpRoute post(String pattern, HttpHandler handler) {
    return of("POST", pattern, handler);
  }

  /** This route, run off the event loop. */
  public HttpRoute asBlocking() {
    return new HttpRoute(method, pattern, handler, true);
  }

  @Override
  public String toString() {
    return method + " " + pattern + (blocking ? " (blocking)" : "");
  }
}
