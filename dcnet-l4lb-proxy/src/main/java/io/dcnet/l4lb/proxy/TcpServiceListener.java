package io.dcnet.l4lb.proxy;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP VIP listener: server channels on the VIP address and port whose accepted connections are
 * handed to a {@link TcpFrontendHandler}. Accepted channels start with auto-read off (nothing is
 * read before a backend is connected) and allow half-closure; TCP_NODELAY is Netty's default for
 * its socket channels (set when the channel is made), so it is not set a second time.
 *
 * <p>With native epoll and several event loops there is one listening socket per event loop, all
 * bound with {@code SO_REUSEPORT}: the kernel spreads new connections over them, each loop accepts
 * its own, and an accepted connection (and its backend connection) stays on the loop that accepted
 * it, so no connection is handed from one thread to another. Otherwise (NIO, or one loop) one
 * listening socket accepts for the whole group. Thread-safety as {@link ServiceListener}.
 */
final class TcpServiceListener extends ServiceListener {
  private static final int BACKLOG = 1024;

  TcpServiceListener(ServiceKey key, List<Destination> destinations, ProxyContext context) {
    super(key, destinations, context);
  }

  @Override
  List<AbstractBootstrap<?, ?>> bootstraps() {
    ProxyContext c = context();
    List<EventLoop> loops = new ArrayList<>();
    for (EventExecutor e : c.group()) {
      loops.add((EventLoop) e);
    }
    if (!c.transport().epoll() || loops.size() == 1) {
      return List.of(bootstrap(c.group()));
    }
    List<AbstractBootstrap<?, ?>> out = new ArrayList<>(loops.size());
    for (EventLoop loop : loops) {
      out.add(bootstrap(loop).option(EpollChannelOption.SO_REUSEPORT, true));
    }
    return out;
  }

  /** A listener whose server channel and accepted channels run on {@code group}. */
  private ServerBootstrap bootstrap(EventLoopGroup group) {
    ProxyContext c = context();
    return new ServerBootstrap()
        .group(group, group)
        .channelFactory(() -> c.transport().newServerSocketChannel(key().address()))
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BACKLOG, BACKLOG)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .childHandler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                track(ch);
                ch.pipeline().addLast(new TcpFrontendHandler(TcpServiceListener.this));
              }
            });
  }
}
