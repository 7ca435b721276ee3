package io.dcnet.mesos.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * A configured JDK {@link HttpClient} plus the request defaults every Mesos call needs ({@code
 * User-Agent: dcnet}, the {@code Authorization} header, the timeout). Redirects are never followed
 * automatically; callers handle Mesos's protocol-relative 307s themselves.
 *
 * <p>Thread-safe: the JDK client is thread-safe and this holder is immutable.
 */
public final class MesosHttpClient {
  /** The User-Agent header sent on every request. */
  public static final String USER_AGENT = "dcnet";

  private final HttpClient client;
  private final MesosClientConfig config;

  MesosHttpClient(HttpClient client, MesosClientConfig config) {
    this.client = Objects.requireNonNull(client, "client");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The underlying JDK client. */
  public HttpClient client() {
    return client;
  }

  /** The configuration this client was built from. */
  public MesosClientConfig config() {
    return config;
  }

  /** {@code http} or {@code https}. */
  public String scheme() {
    return config.scheme();
  }

  /** A request builder with User-Agent, Authorization and the configured timeout set. */
  public HttpRequest.Builder newRequest(URI uri) {
    return newRequest(uri, config.requestTimeout());
  }

  /** A request builder with User-Agent, Authorization and the given timeout set. */
  public HttpRequest.Builder newRequest(URI uri, Duration timeout) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", USER_AGENT);
    config.auth().authorizationHeader().ifPresent(v -> b.header("Authorization", v));
    return b;
  }

  /**
   * Resolves a redirect {@code Location} against the request URI. Mesos sends protocol-relative
   * locations ({@code //host:port/path}); they get the request's scheme.
   */
  public static URI resolveLocation(URI requestUri, String location) {
    if (location.startsWith("//")) {
      return URI.create(requestUri.getScheme() + ":" + location);
    }
    return requestUri.resolve(location);
  }
}
