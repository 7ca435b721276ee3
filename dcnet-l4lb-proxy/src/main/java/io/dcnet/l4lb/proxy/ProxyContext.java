package io.dcnet.l4lb.proxy;

import io.netty.channel.EventLoopGroup;

/**
 * What every listener and relay of one {@link ProxyDataPlane} shares. Immutable; thread-safe.
 *
 * @param transport epoll or NIO channel classes matching {@code group}
 * @param group the event loops of the data plane
 * @param options tuning
 * @param stats counters
 */
record ProxyContext(
    ProxyTransport transport, EventLoopGroup group, ProxyOptions options, ProxyStats stats) {

  /** {@link ProxyOptions#connectTimeout} in milliseconds, capped to an int. */
  int connectTimeoutMillis() {
    return (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
  }
}
