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
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;

/**
 * The Netty channel classes of one event-loop flavour: native epoll when it loads, NIO otherwise.
 * Channels must use the classes of the loop they are registered on. TCP channels are made with the
 * address family of the address they bind or connect to (an IPv4 VIP or backend gets an AF_INET
 * socket, not a dual-stack AF_INET6 one with mapped addresses). Immutable; thread-safe.
 *
 * @param epoll true for native epoll (the only flavour with {@code IP_FREEBIND})
 * @param ioHandlerFactory makes the event loops
 * @param datagramChannel UDP channels (listeners and backend sessions)
 */
record ProxyTransport(
    boolean epoll,
    IoHandlerFactory ioHandlerFactory,
    Class<? extends DatagramChannel> datagramChannel) {

  /** Epoll when {@code preferEpoll} and the native library loads; NIO otherwise. */
  static ProxyTransport select(boolean preferEpoll) {
    if (preferEpoll && Epoll.isAvailable()) {
      return new ProxyTransport(true, EpollIoHandler.newFactory(), EpollDatagramChannel.class);
    }
    return new ProxyTransport(false, NioIoHandler.newFactory(), NioDatagramChannel.class);
  }

  /** A new, unregistered TCP channel for a connection to {@code to}. */
  SocketChannel newSocketChannel(InetAddress to) {
    SocketProtocolFamily family = familyOf(to);
    return epoll
        ? new EpollSocketChannel(family)
        : new NioSocketChannel(SelectorProvider.provider(), family);
  }

  /** A new, unregistered TCP listening channel for a listener on {@code at}. */
  ServerSocketChannel newServerSocketChannel(InetAddress at) {
    SocketProtocolFamily family = familyOf(at);
    return epoll
        ? new EpollServerSocketChannel(family)
        : new NioServerSocketChannel(SelectorProvider.provider(), family);
  }

  private static SocketProtocolFamily familyOf(InetAddress a) {
    return a instanceof Inet6Address ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
  }
}
