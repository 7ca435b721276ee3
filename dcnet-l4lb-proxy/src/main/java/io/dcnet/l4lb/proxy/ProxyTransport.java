package io.dcnet.l4lb.proxy;

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
 * The Netty channel classes of one event-loop flavour: native epoll when it loads, NIO otherwise.
 * Channels must use the classes of the loop they are registered on. Immutable; thread-safe.
 *
 * @param epoll true for native epoll (the only flavour that supports {@code IP_FREEBIND})
 * @param ioHandlerFactory makes the event loops
 * @param datagramChannel UDP channels (listeners and backend sessions)
 * @param socketChannel TCP connections to backends
 * @param serverSocketChannel TCP listeners
 */
record ProxyTransport(
    boolean epoll,
    IoHandlerFactory ioHandlerFactory,
    Class<? extends DatagramChannel> datagramChannel,
    Class<? extends SocketChannel> socketChannel,
    Class<? extends ServerSocketChannel> serverSocketChannel) {

  /** Epoll when {@code preferEpoll} and the native library loads; NIO otherwise. */
  static ProxyTransport select(boolean preferEpoll) {
    if (preferEpoll && Epoll.isAvailable()) {
      return new ProxyTransport(
          true,
          EpollIoHandler.newFactory(),
          EpollDatagramChannel.class,
          EpollSocketChannel.class,
          EpollServerSocketChannel.class);
    }
    return new ProxyTransport(
        false,
        NioIoHandler.newFactory(),
        NioDatagramChannel.class,
        NioSocketChannel.class,
        NioServerSocketChannel.class);
  }
}
