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
import java.util.ArrayList;
import java.util.List;

/**
 * One bound VIP listener (TCP server channels or UDP channel) with its current destination table
 * and every channel it proxies (client and backend sides), so that removing the service closes them
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
  private List<ChannelFuture> bound = List.of();

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

  /**
   * Starts binding the VIP address and port (one or more listening channels); each future completes
   * when its channel is bound or failed. The listener is bound when all of them succeeded.
   */
  final List<ChannelFuture> bind() {
    InetSocketAddress at = new InetSocketAddress(key.address(), key.port());
    List<ChannelFuture> out = new ArrayList<>();
    for (AbstractBootstrap<?, ?> b : bootstraps()) {
      if (context.transport().epoll() && context.options().freeBind()) {
        b.option(EpollChannelOption.IP_FREEBIND, true);
      }
      ChannelFuture f = b.bind(at);
      if (f.channel().isRegistered() || !f.isDone()) {
        // not a channel that failed before registration (e.g. no file descriptor left): Netty
        // returns a placeholder for those, which cannot even be closed
        channels.add(f.channel());
      }
      out.add(f);
    }
    bound = List.copyOf(out);
    return bound;
  }

  /** The bootstraps of the listening channels, without the bind address. */
  abstract List<AbstractBootstrap<?, ?>> bootstraps();

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

  /** True while every listening channel is bound and open. */
  final boolean isBound() {
    if (bound.isEmpty()) {
      return false;
    }
    for (ChannelFuture f : bound) {
      if (!f.isSuccess() || !f.channel().isActive()) {
        return false;
      }
    }
    return true;
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
