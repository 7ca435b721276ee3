package io.dcnet.l4lb.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one proxied TCP connection until its backend is connected: chooses a
 * destination from the listener's current table, connects on the same event loop, tries another
 * destination when the connect fails (at most {@link ProxyOptions#maxConnectAttempts} in all), and
 * then replaces itself with a {@link TcpRelayHandler} on both channels. Without a destination the
 * client connection is reset (SO_LINGER 0).
 *
 * <p>Not shareable; owned by the accepted channel's event loop.
 */
@SuppressWarnings(
    "FutureReturnValueIgnored") // Netty I/O futures: failures reach exceptionCaught or a listener
final class TcpFrontendHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(TcpFrontendHandler.class);

  private final ServiceListener listener;
  private final Set<InetSocketAddress> tried = new HashSet<>();

  TcpFrontendHandler(ServiceListener listener) {
    this.listener = listener;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ProxyStats stats = listener.context().stats();
    stats.accepted();
    ctx.channel().closeFuture().addListener(f -> stats.tcpClosed());
    connect(ctx, 1);
  }

  private void connect(ChannelHandlerContext ctx, int attempt) {
    Channel inbound = ctx.channel();
    Optional<DestinationLoad> choice = listener.table().choose(ThreadLocalRandom.current(), tried);
    if (choice.isEmpty()) {
      reset(inbound);
      return;
    }
    DestinationLoad dest = choice.get();
    ProxyContext c = listener.context();
    dest.acquire();
    ChannelFuture connecting =
        new Bootstrap()
            .group(inbound.eventLoop())
            .channel(c.transport().socketChannel())
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, c.options().connectTimeout().toMillis()))
            .handler(new ChannelInboundHandlerAdapter())
            .connect(dest.socketAddress());
    Channel outbound = connecting.channel();
    outbound.closeFuture().addListener(f -> dest.release());
    listener.track(outbound);
    connecting.addListener(
        (ChannelFuture f) -> {
          if (f.isSuccess()) {
            connected(ctx, outbound);
            return;
          }
          outbound.close();
          c.stats().connectFailed();
          log.debug(
              "{}: connect to {} failed (attempt {}): {}",
              listener.key(),
              dest.destination(),
              attempt,
              f.cause().toString());
          tried.add(dest.socketAddress());
          if (!inbound.isActive()) {
            return;
          }
          if (attempt < c.options().maxConnectAttempts()) {
            connect(ctx, attempt + 1);
          } else {
            reset(inbound);
          }
        });
  }

  private void connected(ChannelHandlerContext ctx, Channel outbound) {
    Channel inbound = ctx.channel();
    if (!inbound.isActive()) {
      outbound.close();
      return;
    }
    outbound.pipeline().addLast(new TcpRelayHandler(inbound));
    inbound.pipeline().replace(this, "relay", new TcpRelayHandler(outbound));
    outbound.config().setAutoRead(true);
    inbound.config().setAutoRead(true);
  }

  private void reset(Channel inbound) {
    listener.context().stats().refused();
    if (inbound.isOpen()) {
      inbound.config().setOption(ChannelOption.SO_LINGER, 0);
      inbound.close();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("{}: client connection failed before relay: {}", listener.key(), cause.toString());
    ctx.close();
  }
}
