package io.dcnet.daemon;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Unix datagram socket standing in for systemd's notify socket: keeps every datagram as text.
 * Thread-safe.
 */
final class NotifySocket implements AutoCloseable {
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
  private final Channel channel;

  /** Binds {@code path} (a file, or {@code "\0name"} in the abstract namespace). */
  NotifySocket(String path) {
    channel =
        new Bootstrap()
            .group(group)
            .channel(EpollDomainDatagramChannel.class)
            .handler(
                new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket p) {
                    received.add(p.content().toString(StandardCharsets.UTF_8));
                  }
                })
            .bind(new DomainSocketAddress(path))
            .syncUninterruptibly()
            .channel();
  }

  /** The datagrams so far, in arrival order (a live view). */
  List<String> received() {
    return received;
  }

  /** How many {@code WATCHDOG=1} pings arrived. */
  long pings() {
    return received.stream().filter("WATCHDOG=1"::equals).count();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
