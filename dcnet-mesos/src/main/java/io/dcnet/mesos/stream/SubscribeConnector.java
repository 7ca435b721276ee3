package io.dcnet.mesos.stream;

import io.dcnet.core.net.HostPort;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.http.MesosHttpClient;
import io.dcnet.mesos.v1.V1Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a v1 {@code SUBSCRIBE} stream: tries the masters in list order, follows 307 redirects
 * (protocol-relative {@code Location}, at most {@value #MAX_REDIRECTS}), and returns the first 200.
 *
 * <p>Thread-safe: stateless apart from the thread-safe HTTP client; calls block the caller.
 */
final class SubscribeConnector {
  private static final Logger LOG = LoggerFactory.getLogger(SubscribeConnector.class);
  static final int MAX_REDIRECTS = 3;
  private static final String SUBSCRIBE = "{\"type\":\"SUBSCRIBE\"}";
  private static final String GET_MASTER = "{\"type\":\"GET_MASTER\"}";

  /**
   * An open stream and who serves it.
   *
   * @param uri where the stream comes from, after redirects
   * @param leaderPid the master serving it ({@code master@host:port})
   * @param fromFirst whether the first master of the list served it itself (no 307)
   */
  record OpenStream(ChunkQueue body, URI uri, String leaderPid, boolean fromFirst) {}

  private final MesosHttpClient http;

  SubscribeConnector(MesosHttpClient http) {
    this.http = http;
  }

  /**
   * Subscribes to the first master that accepts.
   *
   * @param masters {@code [leaderHint, others...]} as {@code ip:port}; blank entries are skipped
   * @throws IOException the last master's error, or "no masters" when the list has none
   */
  OpenStream open(List<String> masters) throws IOException, InterruptedException {
    IOException last = null;
    boolean first = true;
    for (String m : masters) {
      if (m == null || m.isBlank()) {
        continue;
      }
      boolean isFirst = first;
      first = false;
      var hp = HostPort.parse(m.trim()).filter(h -> !h.host().isEmpty() && h.port() > 0);
      if (hp.isEmpty()) {
        last = new IOException("masters: '" + m + "' (expected: ip:port or [ipv6]:port)");
        continue;
      }
      try {
        return openAt(URI.create(http.scheme() + "://" + hp.get() + "/api/v1"), isFirst);
      } catch (IOException e) {
        LOG.debug("SUBSCRIBE at {} failed: {}", m, e.getMessage());
        last = e;
      }
    }
    throw last != null ? last : new IOException("masters: none configured (expected: ip:port)");
  }

  private OpenStream openAt(URI start, boolean first) throws IOException, InterruptedException {
    URI uri = start;
    for (int hop = 0; ; hop++) {
      HttpRequest request = subscribeRequest(uri);
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = post(uri, request);
      if (response.statusCode() == 401) {
        var retry = http.retryAfterUnauthorized(request);
        if (retry.isPresent()) {
          discard(response.body());
          response = post(uri, retry.get());
        }
      }
      int status = response.statusCode();
      if (status == 200) {
        ChunkQueue queue = new ChunkQueue();
        response.body().subscribe(queue);
        return new OpenStream(queue, uri, leaderPid(uri), first && hop == 0);
      }
      discard(response.body());
      var location = response.headers().firstValue("Location");
      if (status >= 300 && status < 400 && location.isPresent() && hop < MAX_REDIRECTS) {
        URI next = MesosHttpClient.resolveLocation(uri, location.get());
        LOG.debug("SUBSCRIBE at {} redirected to {}", uri, next);
        uri = next;
        continue;
      }
      throw new IOException("POST " + uri + " SUBSCRIBE: HTTP " + status + hint(status));
    }
  }

  private HttpRequest subscribeRequest(URI uri) throws IOException, InterruptedException {
    return http.newRequest(uri)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(SUBSCRIBE, StandardCharsets.UTF_8))
        .build();
  }

  private HttpResponse<Flow.Publisher<List<ByteBuffer>>> post(URI uri, HttpRequest request)
      throws IOException, InterruptedException {
    Duration limit = http.config().requestTimeout().plusSeconds(1);
    var future = http.client().sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
    try {
      return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw new IOException(
          "POST " + uri + ": " + c.getClass().getSimpleName() + " " + c.getMessage(), c);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IOException("POST " + uri + ": no response within " + limit, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    }
  }

  /**
   * The leader PID for the stream's master as Mesos advertises it, from {@code GET_MASTER}: the URI
   * may name the master differently (a host name, {@code localhost}, a loopback or other local
   * address), and the other masters, the agents and the {@code leader} records know it by the
   * advertised address. Falls back to the URI's host and port when {@code GET_MASTER} fails.
   */
  private String leaderPid(URI uri) throws InterruptedException {
    HostPort hp = new HostPort(stripBrackets(uri.getHost()), uri.getPort());
    try {
      HttpResponse<byte[]> r =
          http.send(
              http.newRequest(uri)
                  .header("Content-Type", "application/json")
                  .header("Accept", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(GET_MASTER, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() == 200) {
        return "master@" + V1Json.parseGetMaster(r.body()).hostPort();
      }
    } catch (IOException | MesosStateException e) {
      LOG.debug("GET_MASTER at {} failed: {}", uri, e.getMessage());
    }
    return "master@" + hp;
  }

  static String hint(int status) {
    return switch (status) {
      case 401, 403 -> " (check the Mesos authentication settings)";
      case 503 -> " (no leader elected, or the master is recovering)";
      default -> "";
    };
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static void discard(Flow.Publisher<List<ByteBuffer>> body) {
    body.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            s.cancel();
          }

          @Override
          public void onNext(List<ByteBuffer> item) {}

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onComplete() {}
        });
  }
}
