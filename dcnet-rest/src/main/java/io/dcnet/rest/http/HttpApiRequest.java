package io.dcnet.rest.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One decoded HTTP request as handlers see it: no Netty types, no reference counting.
 *
 * <p>Immutable; safe to pass between threads. Header names are stored lower case; repeated headers
 * are joined with {@code ", "}.
 */
public final class HttpApiRequest {
  private final String method;
  private final String path;
  private final Map<String, String> pathParams;
  private final Map<String, List<String>> queryParams;
  private final Map<String, String> headers;
  private final byte[] body;

  /**
   * @param method upper-case method, e.g. {@code GET}
   * @param path decoded request path without the query string, e.g. {@code /v1/hosts/a.mesos}
   * @param pathParams values of the route's {@code {name}} segments (percent-decoded)
   * @param queryParams decoded query parameters
   * @param headers lower-case header name to value
   * @param body request body (copied)
   */
  public HttpApiRequest(
      String method,
      String path,
      Map<String, String> pathParams,
      Map<String, List<String>> queryParams,
      Map<String, String> headers,
      byte[] body) {
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.pathParams = Map.copyOf(pathParams);
    this.queryParams = Map.copyOf(queryParams);
    this.headers = Map.copyOf(headers);
    this.body = body.clone();
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public Map<String, String> pathParams() {
    return pathParams;
  }

  /** The value of path parameter {@code name}; throws if the route has no such parameter. */
  public String pathParam(String name) {
    String v = pathParams.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "path parameter: " + name + " (expected one of " + pathParams.keySet() + ")");
    }
    return v;
  }

  public Map<String, List<String>> queryParams() {
    return queryParams;
  }

  /** The first value of query parameter {@code name}, or null. */
  public String queryParam(String name) {
    List<String> v = queryParams.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The value of header {@code name} (any case), or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** A copy of the body bytes. */
  public byte[] body() {
    return body.clone();
  }

  public String bodyUtf8() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** This request with the given path parameters (the router fills them in). */
  HttpApiRequest withPathParams(Map<String, String> params) {
    return new HttpApiRequest(method, path, params, queryParams, headers, body);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
