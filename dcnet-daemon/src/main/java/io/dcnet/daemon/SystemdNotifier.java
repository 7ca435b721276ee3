package io.dcnet.daemon;

import io.dcnet.core.lifecycle.DaemonThreads;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd about this process over the datagram socket named by {@code NOTIFY_SOCKET} (the
 * {@code sd_notify} protocol: {@code READY=1}, {@code WATCHDOG=1}, {@code STOPPING=1}, {@code
 * STATUS=...}, newline-separated). Absent when systemd did not ask (no {@code NOTIFY_SOCKET}), or
 * when the epoll transport, which has Unix datagram sockets, is not available.
 *
 * <p>Thread-safe: Netty serializes the writes on its one event loop thread {@code dcnet-sd-notify}.
 */
final class SystemdNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);

  private final String socket;
  private final EventLoopGroup group;
  private final Channel channel;

  private SystemdNotifier(String socket, EventLoopGroup group, Channel channel) {
    this.socket = socket;
    this.group = group;
    this.channel = channel;
  }

  /**
   * The notifier for {@code env}'s {@code NOTIFY_SOCKET} (a path, or {@code @name} for the abstract
   * namespace), or empty when it is unset or cannot be reached (logged).
   */
  static Optional<SystemdNotifier> fromEnvironment(Map<String, String> env) {
    String socket = env.getOrDefault("NOTIFY_SOCKET", "");
    if (socket.isEmpty()) {
      return Optional.empty();
    }
    if (!Epoll.isAvailable()) {
      LOG.warn("NOTIFY_SOCKET is set but epoll is not available: systemd is not notified");
      return Optional.empty();
    }
    String path = socket.startsWith("@") ? "\0" + socket.substring(1) : socket;
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, DaemonThreads.named("dcnet-sd-notify"), EpollIoHandler.newFactory());
    try {
      Channel ch =
          new Bootstrap()
              .group(group)
              .channel(EpollDomainDatagramChannel.class)
              .handler(new ChannelInboundHandlerAdapter())
              .connect(new DomainSocketAddress(path))
              .syncUninterruptibly()
              .channel();
      return Optional.of(new SystemdNotifier(socket, group, ch));
    } catch (Exception e) { // Netty rethrows the native connect's IOException unchecked
      LOG.warn(
          "NOTIFY_SOCKET {}: cannot connect, systemd is not notified: {}", socket, e.toString());
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      return Optional.empty();
    }
  }

  /** Sends {@code state} (e.g. {@code READY=1}); failures are logged, never thrown. */
  void send(String state) {
    Objects.requireNonNull(state, "state");
    channel
        .writeAndFlush(Unpooled.copiedBuffer(state, StandardCharsets.UTF_8))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                LOG.warn("NOTIFY_SOCKET {}: {} not sent: {}", socket, state, f.cause().toString());
              }
            });
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
