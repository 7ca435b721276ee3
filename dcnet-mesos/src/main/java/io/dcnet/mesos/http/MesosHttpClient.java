package io.dcnet.mesos.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured JDK {@link HttpClient} plus the request defaults every Mesos call needs ({@code
 * User-Agent: dcnet}, the {@code Authorization} header, the timeout). Redirects are never followed
 * automatically; callers handle Mesos's protocol-relative 307s themselves. With a {@link
 * MesosAuth.RenewingToken}, {@link #send} retries a request once with a new token after a 401.
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

  /**
   * A request builder with User-Agent, Authorization and the configured timeout set.
   *
   * @throws IOException a renewing token could not be obtained
   */
  public HttpRequest.Builder newRequest(URI uri) throws IOException, InterruptedException {
    return newRequest(uri, config.requestTimeout());
  }

  /**
   * A request builder with User-Agent, Authorization and the given timeout set.
   *
   * @throws IOException a renewing token could not be obtained
   */
  public HttpRequest.Builder newRequest(URI uri, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", USER_AGENT);
    config.auth().authorizationHeader().ifPresent(v -> b.header("Authorization", v));
    return b;
  }

  /**
   * Sends {@code request} (built with {@link #newRequest}); after a 401 it is sent once more with a
   * fresh token when the authentication can renew one (see {@link #retryAfterUnauthorized}).
   */
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpResponse<T> response = client.send(request, handler);
    if (response.statusCode() == 401) {
      Optional<HttpRequest> retry = retryAfterUnauthorized(request);
      if (retry.isPresent()) {
        return client.send(retry.get(), handler);
      }
    }
    return response;
  }

  /**
   * Tells the authentication that Mesos answered 401 to {@code request}. Returns a copy of the
   * request with a freshly fetched {@code Authorization} header when a retry may succeed, else
   * empty (fixed credentials). The body publisher is reused, so it must be replayable (as {@code
   * BodyPublishers.ofString} is).
   */
  public Optional<HttpRequest> retryAfterUnauthorized(HttpRequest request)
      throws IOException, InterruptedException {
    String sent = request.headers().firstValue("Authorization").orElse(null);
    if (!config.auth().unauthorized(sent)) {
      return Optional.empty();
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"));
    config.auth().authorizationHeader().ifPresent(v -> b.header("Authorization", v));
    return Optional.of(b.build());
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
