package io.dcnet.l4lb.proxy;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.util.List;

/**
 * A TCP VIP listener: server channels on the VIP address and port whose accepted connections are
 * handed to a {@link TcpFrontendHandler}. Accepted channels start with auto-read off (nothing is
 * read before a backend is connected) and allow half-closure; TCP_NODELAY is Netty's default for
 * its socket channels (set when the channel is made), so it is not set a second time.
 *
 * <p>One listening socket per VIP, accepting for the whole group (not one {@code SO_REUSEPORT}
 * socket per event loop: that doubles the file descriptors of 10,000 VIPs, lets another socket of
 * the same user share the VIP's connections, and its gain was within the benchmark's noise).
 * Thread-safety as {@link ServiceListener}.
 */
final class TcpServiceListener extends ServiceListener {
  private static final int BACKLOG = 1024;

  TcpServiceListener(ServiceKey key, List<Destination> destinations, ProxyContext context) {
    super(key, destinations, context);
  }

  @Override
  AbstractBootstrap<?, ?> bootstrap() {
    ProxyContext c = context();
    return new ServerBootstrap()
        .group(c.group())
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
