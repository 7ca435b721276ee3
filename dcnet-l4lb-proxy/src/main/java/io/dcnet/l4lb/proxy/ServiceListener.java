package io.dcnet.l4lb.proxy;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One bound VIP listener (TCP server channel or UDP channel) with its current destination table and
 * every channel it proxies (client and backend sides), so that removing the service closes them
 * all.
 *
 * <p>Thread-safety: the table is a volatile immutable {@link DestinationTable} replaced whole by
 * the sync thread and read by the event loops; {@link #replaceDestinations} and {@link #close} are
 * called by the (single) sync thread; the channel group is thread-safe.
 */
abstract class ServiceListener {
  private final ServiceKey key;
  private final ProxyContext context;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final ChannelFutureListener tcpClosedCounter;
  private volatile DestinationTable table;
  private ChannelFuture bound;

  ServiceListener(ServiceKey key, List<Destination> destinations, ProxyContext context) {
    this.key = key;
    this.context = context;
    ProxyStats stats = context.stats();
    this.tcpClosedCounter = f -> stats.tcpClosed();
    this.table = DestinationTable.of(destinations, DestinationTable.empty());
  }

  /** Makes the listener for {@code key}'s protocol; call {@link #bind} next. */
  static ServiceListener create(
      ServiceKey key, List<Destination> destinations, ProxyContext context) {
    return switch (key.protocol()) {
      case TCP -> new TcpServiceListener(key, destinations, context);
      case UDP -> new UdpServiceListener(key, destinations, context);
    };
  }

  /** Starts binding the VIP address and port; the future completes when bound or failed. */
  final ChannelFuture bind() {
    AbstractBootstrap<?, ?> b = bootstrap();
    if (context.transport().epoll() && context.options().freeBind()) {
      b.option(EpollChannelOption.IP_FREEBIND, true);
    }
    bound = b.bind(new InetSocketAddress(key.address(), key.port()));
    if (bound.channel().isRegistered() || !bound.isDone()) {
      // not a channel that failed before registration (e.g. no file descriptor left): Netty
      // returns a placeholder for those, which cannot even be closed
      channels.add(bound.channel());
    }
    return bound;
  }

  /** The bootstrap of the listening channel, without the bind address. */
  abstract AbstractBootstrap<?, ?> bootstrap();

  final ServiceKey key() {
    return key;
  }

  final ProxyContext context() {
    return context;
  }

  /** The current table (read by the event loops for every new connection). */
  final DestinationTable table() {
    return table;
  }

  /** Swaps in a new table; load counters of destinations that stay are kept. */
  final void replaceDestinations(List<Destination> destinations) {
    table = DestinationTable.of(destinations, table);
  }

  /** True while the listening channel is bound and open. */
  final boolean isBound() {
    return bound != null && bound.isSuccess() && bound.channel().isActive();
  }

  /** A close-future listener counting a closed client TCP connection (shared by all of them). */
  final ChannelFutureListener tcpClosedCounter() {
    return tcpClosedCounter;
  }

  /** Registers a proxied channel so that {@link #close} closes it too. */
  final void track(Channel ch) {
    channels.add(ch);
  }

  /** Closes the listener and every connection or session it proxies. */
  final Future<Void> close() {
    return channels.close();
  }
}
