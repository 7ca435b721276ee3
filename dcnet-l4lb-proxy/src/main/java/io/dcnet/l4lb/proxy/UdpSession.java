package io.dcnet.l4lb.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP client (address and port) of a VIP and the connected datagram channel to the backend
 * chosen for it. Datagrams that arrive while that channel is being connected are queued (at most
 * {@value #MAX_PENDING}, then dropped); replies are sent to the client from the VIP channel. The
 * session ends when its channel has seen no datagram either way for {@link
 * ProxyOptions#udpSessionIdle}, on an error such as an ICMP port unreachable, or when the listener
 * closes. A connect failure tries another destination (bounded by {@link
 * ProxyOptions#maxConnectAttempts}).
 *
 * <p>Not thread-safe: owned by the VIP channel's event loop (the session channel is registered on
 * the same loop).
 */
@SuppressWarnings(
    "FutureReturnValueIgnored") // Netty I/O futures: failures reach exceptionCaught or a listener
final class UdpSession {
  static final int MAX_PENDING = 64;
  private static final Logger log = LoggerFactory.getLogger(UdpSession.class);

  private final ServiceListener listener;
  private final Channel vip;
  private final InetSocketAddress client;
  private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
  private final Set<InetSocketAddress> tried = new HashSet<>();
  private final Promise<Void> closed;
  private Channel channel;
  private boolean connected;
  private boolean done;

  private UdpSession(ServiceListener listener, Channel vip, InetSocketAddress client) {
    this.listener = listener;
    this.vip = vip;
    this.client = client;
    this.closed = new DefaultPromise<>(vip.eventLoop());
  }

  /** A new session for {@code client}, or null when the service has no live destination. */
  static UdpSession open(ServiceListener listener, Channel vip, InetSocketAddress client) {
    if (!listener.table().hasLive()) {
      return null;
    }
    UdpSession s = new UdpSession(listener, vip, client);
    listener.context().stats().sessionOpened();
    s.connect(1);
    return s;
  }

  /** Completes when the session has ended. */
  Future<Void> closeFuture() {
    return closed;
  }

  /** Sends a client datagram's payload to the backend; takes ownership of {@code data}. */
  void send(ByteBuf data) {
    if (done) {
      data.release();
    } else if (connected) {
      channel.writeAndFlush(data);
    } else if (pending.size() < MAX_PENDING) {
      pending.add(data);
    } else {
      listener.context().stats().dropped();
      data.release();
    }
  }

  private void connect(int attempt) {
    Optional<DestinationLoad> choice = listener.table().choose(ThreadLocalRandom.current(), tried);
    if (choice.isEmpty()) {
      close();
      return;
    }
    DestinationLoad dest = choice.get();
    ProxyContext c = listener.context();
    long idleMillis = c.options().udpSessionIdle().toMillis();
    dest.acquire();
    ChannelFuture connecting =
        new Bootstrap()
            .group(vip.eventLoop())
            .channel(c.transport().datagramChannel())
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                        .addLast(new ReplyHandler());
                  }
                })
            .connect(dest.socketAddress());
    Channel ch = connecting.channel();
    ch.closeFuture().addListener(f -> dest.release());
    listener.track(ch);
    connecting.addListener(
        (ChannelFuture f) -> {
          if (f.isSuccess() && !done) {
            channel = ch;
            connected = true;
            ch.closeFuture().addListener(x -> close());
            while (!pending.isEmpty()) {
              ch.write(pending.poll());
            }
            ch.flush();
            return;
          }
          ch.close();
          if (done) {
            return;
          }
          c.stats().connectFailed();
          log.debug("{}: connect to {} failed: {}", listener.key(), dest, f.cause().toString());
          tried.add(dest.socketAddress());
          if (attempt < c.options().maxConnectAttempts()) {
            connect(attempt + 1);
          } else {
            close();
          }
        });
  }

  /** Ends the session; idempotent. */
  void close() {
    if (done) {
      return;
    }
    done = true;
    while (!pending.isEmpty()) {
      pending.poll().release();
    }
    if (channel != null) {
      channel.close();
    }
    listener.context().stats().sessionClosed();
    closed.setSuccess(null);
  }

  /** Backend replies back to the client, idle expiry, errors. */
  private final class ReplyHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    ReplyHandler() {
      super(false);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket reply) {
      vip.writeAndFlush(new DatagramPacket(reply.content(), client));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof IdleStateEvent) {
        ctx.close();
      } else {
        ctx.fireUserEventTriggered(evt);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("{}: session of {} failed: {}", listener.key(), client, cause.toString());
      ctx.close();
    }
  }
}
