package io.dcnet.rest.http;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Chooses the Netty transport: native epoll when it loads, NIO otherwise.
 *
 * <p>Immutable; thread-safe.
 */
record NettyTransport(
    String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannel) {

  static NettyTransport best() {
    if (Epoll.isAvailable()) {
      return new NettyTransport(
          "epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
    }
    return nio();
  }

  static NettyTransport nio() {
    return new NettyTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
  }
}
