package io.dcnet.l4lb.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link ProxyDataPlane}. Immutable; thread-safe.
 *
 * @param ioThreads event-loop threads shared by all listeners and relayed connections (1-64)
 * @param connectTimeout how long one backend connect may take before the next backend is tried
 * @param maxConnectAttempts backends tried for one accepted connection (or new UDP session) before
 *     giving up (1-16)
 * @param udpSessionIdle a UDP session without traffic in either direction for this long is closed
 * @param bindTimeout how long {@link ProxyDataPlane#sync} waits for the listeners it opens or
 *     closes
 * @param freeBind set {@code IP_FREEBIND} on listeners (native epoll only) so that a VIP can be
 *     bound before the address is local
 * @param preferEpoll use native epoll when it loads; NIO otherwise
 */
public record ProxyOptions(
    int ioThreads,
    Duration connectTimeout,
    int maxConnectAttempts,
    Duration udpSessionIdle,
    Duration bindTimeout,
    boolean freeBind,
    boolean preferEpoll) {

  public ProxyOptions {
    if (ioThreads < 1 || ioThreads > 64) {
      throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: 1-64)");
    }
    positive("connectTimeout", connectTimeout);
    if (maxConnectAttempts < 1 || maxConnectAttempts > 16) {
      throw new IllegalArgumentException(
          "maxConnectAttempts: " + maxConnectAttempts + " (expected: 1-16)");
    }
    positive("udpSessionIdle", udpSessionIdle);
    positive("bindTimeout", bindTimeout);
  }

  /**
   * Two I/O threads (or one on a single-core machine), 2 s connect timeout, 3 attempts, 30 s UDP
   * idle, 10 s bind timeout, free bind, epoll preferred.
   */
  public static ProxyOptions defaults() {
    int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
    return new ProxyOptions(
        threads,
        Duration.ofSeconds(2),
        3,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        true,
        true);
  }

  /** The same options with another UDP idle timeout. */
  public ProxyOptions withUdpSessionIdle(Duration idle) {
    return new ProxyOptions(
        ioThreads, connectTimeout, maxConnectAttempts, idle, bindTimeout, freeBind, preferEpoll);
  }

  /** The same options with another connect timeout and attempt count. */
  public ProxyOptions withConnect(Duration timeout, int attempts) {
    return new ProxyOptions(
        ioThreads, timeout, attempts, udpSessionIdle, bindTimeout, freeBind, preferEpoll);
  }

  /** The same options with free bind on or off. */
  public ProxyOptions withFreeBind(boolean on) {
    return new ProxyOptions(
        ioThreads,
        connectTimeout,
        maxConnectAttempts,
        udpSessionIdle,
        bindTimeout,
        on,
        preferEpoll);
  }

  /** The same options with epoll preferred or not (false forces NIO). */
  public ProxyOptions withPreferEpoll(boolean on) {
    return new ProxyOptions(
        ioThreads, connectTimeout, maxConnectAttempts, udpSessionIdle, bindTimeout, freeBind, on);
  }

  private static void positive(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + ": " + d + " (expected: a positive duration)");
    }
  }
}
