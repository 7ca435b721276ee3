package io.dcnet.l4lb.proxy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one {@link ProxyDataPlane}, updated from the event loops. Thread-safe. Expose them
 * with {@link ProxyMeterBinder} when Micrometer is on the class path.
 */
public final class ProxyStats {
  private final LongAdder tcpAccepted = new LongAdder();
  private final LongAdder tcpRefused = new LongAdder();
  private final LongAdder connectFailures = new LongAdder();
  private final LongAdder udpDropped = new LongAdder();
  private final AtomicInteger tcpActive = new AtomicInteger();
  private final AtomicInteger udpSessions = new AtomicInteger();

  /** TCP connections accepted on a VIP listener. */
  public long tcpAccepted() {
    return tcpAccepted.sum();
  }

  /** TCP connections reset because no destination of weight &gt; 0 was left or all failed. */
  public long tcpRefused() {
    return tcpRefused.sum();
  }

  /** Backend connects (TCP or UDP) that failed; the proxy tried another destination if it could. */
  public long connectFailures() {
    return connectFailures.sum();
  }

  /** UDP datagrams dropped: no destination, or too many queued while a session was opening. */
  public long udpDropped() {
    return udpDropped.sum();
  }

  /** TCP connections currently relayed (client side open). */
  public int tcpActive() {
    return tcpActive.get();
  }

  /** UDP sessions currently open. */
  public int udpSessions() {
    return udpSessions.get();
  }

  void accepted() {
    tcpAccepted.increment();
    tcpActive.incrementAndGet();
  }

  void tcpClosed() {
    tcpActive.decrementAndGet();
  }

  void refused() {
    tcpRefused.increment();
  }

  void connectFailed() {
    connectFailures.increment();
  }

  void dropped() {
    udpDropped.increment();
  }

  void sessionOpened() {
    udpSessions.incrementAndGet();
  }

  void sessionClosed() {
    udpSessions.decrementAndGet();
  }
}
