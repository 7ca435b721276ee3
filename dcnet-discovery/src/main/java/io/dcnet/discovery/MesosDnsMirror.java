package io.dcnet.discovery;

import io.dcnet.core.dns.DnsZone;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors Mesos-DNS into the {@code mesos.thisdcos.directory} zone (spec dcos-net.md 2.4): every
 * {@code period} (30 s) {@code GET <url>} (default {@code http://127.0.0.1:8123/v1/axfr}), parse it
 * with {@link AxfrParser} and hand the zone to the sink only when its content hash ({@link
 * ZoneHash}) differs from the last one published.
 *
 * <p>Failures (connect, non-200, bad JSON) keep the last zone, are counted, and logged at WARN once
 * per failure streak; the next period retries.
 *
 * <p>Thread-safe: {@link #pollOnce()} is synchronized; once started it runs on the given scheduler
 * thread, and the sink is called there.
 */
public final class MesosDnsMirror implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MesosDnsMirror.class);

  /** Mesos-DNS's axfr endpoint on the local master. */
  public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8123/v1/axfr");

  /** dcos-net's poll period. */
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI url;
  private final Duration period;
  private final Duration timeout;
  private final Consumer<DnsZone> sink;
  private final AtomicLong failures = new AtomicLong();
  private String lastHash; // guarded by this
  private boolean failing; // guarded by this
  private ScheduledFuture<?> timer; // guarded by this

  /**
   * @param http a client (e.g. {@code HttpClient.newHttpClient()})
   * @param period time between polls (> 0)
   * @param timeout per-request timeout (> 0)
   */
  public MesosDnsMirror(
      HttpClient http, URI url, Duration period, Duration timeout, Consumer<DnsZone> sink) {
    this.http = Objects.requireNonNull(http, "http");
    this.url = Objects.requireNonNull(url, "url");
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("url: " + url + " (expected: http(s)://host:port/path)");
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period: " + period + " (expected: > 0)");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
    this.period = period;
    this.timeout = timeout;
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Polls now and then every {@code period} on {@code scheduler}. */
  public synchronized void start(ScheduledExecutorService scheduler) {
    if (timer != null) {
      throw new IllegalStateException("already started");
    }
    long p = period.toNanos();
    timer = scheduler.scheduleWithFixedDelay(this::pollQuietly, 0, p, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /**
   * One poll: fetch, parse, publish if the content changed.
   *
   * @return true if a zone was handed to the sink
   * @throws IOException on a failed fetch, non-200 status or unparsable document
   * @throws InterruptedException if interrupted while waiting for the reply
   */
  public synchronized boolean pollOnce() throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json").build();
    HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    if (resp.statusCode() != 200) {
      throw new IOException("GET " + url + ": HTTP " + resp.statusCode() + " (expected: 200)");
    }
    DnsZone zone;
    try {
      zone = AxfrParser.parse(resp.body());
    } catch (IllegalArgumentException e) {
      throw new IOException("GET " + url + ": " + e.getMessage(), e);
    }
    if (failing) {
      LOG.info("mesos-dns mirror: {} answers again", url);
      failing = false;
    }
    String hash = ZoneHash.sha256(zone);
    if (hash.equals(lastHash)) {
      return false;
    }
    sink.accept(zone);
    LOG.info(
        "dns zone {}: published {} names, {} records from {}",
        AxfrParser.ZONE,
        zone.records().size(),
        zone.size(),
        url);
    lastHash = hash;
    return true;
  }

  /** Failed polls so far. */
  public long failures() {
    return failures.get();
  }

  private void pollQuietly() {
    try {
      pollOnce();
    } catch (IOException | RuntimeException e) {
      failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void failed(Exception e) {
    failures.incrementAndGet();
    if (!failing) {
      LOG.warn(
          "mesos-dns mirror: {} failed: {}; keeping the last zone, retrying", url, e.toString());
      failing = true;
    }
  }
}
