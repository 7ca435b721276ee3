package io.dcnet.l4lb.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one proxied TCP connection until its backend is connected: chooses a
 * destination from the listener's current table, connects on the same event loop, tries another
 * destination when the connect fails (at most {@link ProxyOptions#maxConnectAttempts} in all), and
 * then replaces itself with a {@link TcpRelayHandler}. Without a destination the client connection
 * is reset (SO_LINGER 0).
 *
 * <p>The backend channel is made and registered directly on the client's event loop (no {@code
 * Bootstrap} per connection: no option map, no resolver lookup, no connect task queued on the
 * loop). Neither side is read until the backend is connected (auto-read off): whatever the client
 * sent first, and its end of input, wait in its socket (or, when native epoll reads them anyway on
 * seeing the end of input, in this handler) and are relayed once the backend is connected, also
 * across a failed connect and the fall-over to another destination.
 *
 * <p>Not shareable; owned by the accepted channel's event loop.
 */
@SuppressWarnings(
    "FutureReturnValueIgnored") // Netty I/O futures: failures reach exceptionCaught or a listener
final class TcpFrontendHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(TcpFrontendHandler.class);
  private static final String CONNECTING = "connecting";
  private static final String RELAY = "relay";

  private final ServiceListener listener;
  private Set<InetSocketAddress> tried = Set.of();
  private Channel connecting;
  private List<Object> early = List.of();
  private boolean inputEnded;

  TcpFrontendHandler(ServiceListener listener) {
    this.listener = listener;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ProxyStats stats = listener.context().stats();
    stats.accepted();
    ctx.channel().closeFuture().addListener(listener.tcpClosedCounter());
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
    SocketChannel outbound;
    try {
      outbound = c.transport().newSocketChannel(dest.socketAddress().getAddress());
    } catch (RuntimeException e) { // e.g. out of file descriptors
      c.stats().connectFailed();
      log.debug("{}: no socket for a backend connection: {}", listener.key(), e.toString());
      reset(inbound);
      return;
    }
    dest.acquire();
    outbound.closeFuture().addListener(dest.releaseOnClose());
    // TCP_NODELAY is already on (Netty's default, set when the channel is made)
    outbound.config().setAllowHalfClosure(true).setAutoRead(false);
    outbound.config().setOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, c.connectTimeoutMillis());
    // until connected, events of the backend channel (e.g. an error or end of input seen with a
    // refused connect) must not reach a relay: they would close or half-close the client
    outbound.pipeline().addLast(CONNECTING, ConnectingHandler.INSTANCE);
    listener.track(outbound);
    connecting = outbound;
    inbound
        .eventLoop()
        .register(outbound)
        .addListener(
            (ChannelFuture r) -> {
              if (!r.isSuccess()) {
                failed(ctx, dest, outbound, attempt, r.cause());
                return;
              }
              outbound
                  .connect(dest.socketAddress())
                  .addListener(
                      (ChannelFuture f) -> {
                        if (f.isSuccess()) {
                          connected(ctx, outbound);
                        } else {
                          failed(ctx, dest, outbound, attempt, f.cause());
                        }
                      });
            });
  }

  private void failed(
      ChannelHandlerContext ctx,
      DestinationLoad dest,
      Channel outbound,
      int attempt,
      Throwable cause) {
    connecting = null;
    outbound.close();
    Channel inbound = ctx.channel();
    if (!inbound.isActive()) {
      return; // the client left; nothing more to try
    }
    ProxyContext c = listener.context();
    c.stats().connectFailed();
    log.debug(
        "{}: connect to {} failed (attempt {}): {}",
        listener.key(),
        dest.destination(),
        attempt,
        String.valueOf(cause));
    if (tried.isEmpty()) {
      tried = new HashSet<>();
    }
    tried.add(dest.socketAddress());
    if (attempt < c.options().maxConnectAttempts()) {
      connect(ctx, attempt + 1);
    } else {
      reset(inbound);
    }
  }

  private void connected(ChannelHandlerContext ctx, Channel outbound) {
    connecting = null;
    Channel inbound = ctx.channel();
    if (!inbound.isActive()) {
      outbound.close();
      return;
    }
    outbound.pipeline().replace(CONNECTING, RELAY, new TcpRelayHandler(inbound));
    if (!early.isEmpty()) {
      early.forEach(m -> outbound.write(m).addListener(ChannelFutureListener.CLOSE_ON_FAILURE));
      early = List.of(); // handed over: not released when this handler is removed
      outbound.flush();
    }
    inbound.pipeline().replace(this, RELAY, new TcpRelayHandler(outbound));
    outbound.config().setAutoRead(true);
    if (inputEnded) {
      // the client's end of input came with its first bytes: pass it on through the relay
      inbound.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    } else {
      inbound.config().setAutoRead(true);
    }
  }

  private void reset(Channel inbound) {
    listener.context().stats().refused();
    if (inbound.isOpen()) {
      inbound.config().setOption(ChannelOption.SO_LINGER, 0);
      inbound.close();
    }
  }

  /**
   * Bytes read before the backend is connected. Auto-read is off, but native epoll still reads what
   * is there when the client's end of input (EPOLLRDHUP) is seen, so a client that sends and
   * half-closes at once gets its bytes read here; they are kept and written to the backend first.
   */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (early.isEmpty()) {
      early = new ArrayList<>(2);
    }
    early.add(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      inputEnded = true;
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseEarly();
  }

  private void releaseEarly() {
    if (!early.isEmpty()) {
      early.forEach(ReferenceCountUtil::release);
      early = List.of();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseEarly();
    // the client left (or the service was removed) while its backend was being connected
    if (connecting != null) {
      connecting.close();
      connecting = null;
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("{}: client connection failed before relay: {}", listener.key(), cause.toString());
    ctx.close();
  }

  /**
   * The only handler of a backend channel while it connects: the connect future reports the
   * outcome, so errors seen meanwhile are only logged. Stateless; shared by all backend channels.
   */
  @ChannelHandler.Sharable
  static final class ConnectingHandler extends ChannelInboundHandlerAdapter {
    static final ConnectingHandler INSTANCE = new ConnectingHandler();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("backend {} failed while connecting: {}", ctx.channel(), cause.toString());
    }
  }
}
