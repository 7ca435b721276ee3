package io.dcnet.dns.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty channel classes matching an event-loop flavour: native epoll when available, NIO
 * otherwise. Channels must be created with the classes matching the loop they are registered on.
 *
 * <p>Immutable; thread-safe.
 *
 * @param epoll true for native epoll
 * @param ioHandlerFactory the factory for event loop groups of this flavour
 * @param datagramChannel UDP channel class
 * @param socketChannel TCP client channel class
 * @param serverSocketChannel TCP server channel class
 */
public record NettyTransport(
    boolean epoll,
    IoHandlerFactory ioHandlerFactory,
    Class<? extends DatagramChannel> datagramChannel,
    Class<? extends SocketChannel> socketChannel,
    Class<? extends ServerSocketChannel> serverSocketChannel) {

  /** Epoll if {@code preferEpoll} and the native library loads; NIO otherwise. */
  public static NettyTransport select(boolean preferEpoll) {
    if (preferEpoll && Epoll.isAvailable()) {
      return new NettyTransport(
          true,
          EpollIoHandler.newFactory(),
          EpollDatagramChannel.class,
          EpollSocketChannel.class,
          EpollServerSocketChannel.class);
    }
    return nio();
  }

  /** The portable NIO flavour. */
  public static NettyTransport nio() {
    return new NettyTransport(
        false,
        NioIoHandler.newFactory(),
        NioDatagramChannel.class,
        NioSocketChannel.class,
        NioServerSocketChannel.class);
  }
}
