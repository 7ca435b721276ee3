package io.dcnet.l4lb.proxy;

import io.dcnet.l4lb.dataplane.Destination;
import io.netty.channel.ChannelFutureListener;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One destination of a service with its count of outstanding proxied connections (TCP connections
 * and UDP sessions, counted from the moment the destination is chosen until the backend side
 * closes). The counter object is carried over when a table is swapped and the destination stays, so
 * a weight change does not forget its load.
 *
 * <p>Thread-safe: the destination is immutable, the counter atomic (connections of one service run
 * on several event loops).
 */
final class DestinationLoad {
  private final Destination destination;
  private final InetSocketAddress socketAddress;
  private final AtomicInteger active;
  private final ChannelFutureListener releaseOnClose = f -> release();

  DestinationLoad(Destination destination, AtomicInteger active) {
    this.destination = destination;
    this.socketAddress = new InetSocketAddress(destination.address(), destination.port());
    this.active = active;
  }

  Destination destination() {
    return destination;
  }

  int weight() {
    return destination.weight();
  }

  /** Where the proxy connects. */
  InetSocketAddress socketAddress() {
    return socketAddress;
  }

  /** Outstanding connections. */
  int active() {
    return active.get();
  }

  AtomicInteger counter() {
    return active;
  }

  /** Counts one more connection; pair with exactly one {@link #release}. */
  void acquire() {
    active.incrementAndGet();
  }

  /** Counts one connection less. */
  void release() {
    active.decrementAndGet();
  }

  /** A listener for a backend channel's close future that calls {@link #release} (shared). */
  ChannelFutureListener releaseOnClose() {
    return releaseOnClose;
  }

  @Override
  public String toString() {
    return destination + "(" + active.get() + " active)";
  }
}
