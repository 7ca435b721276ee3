package io.dcnet.dns.forward;

import io.dcnet.dns.server.NettyTransport;
import io.dcnet.dns.server.RelayedMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Message;

/**
 * One query/reply exchange with one upstream over a fresh Netty channel: a connected UDP socket
 * (random source port per attempt) or a new TCP connection with 2-byte framing. The first reply
 * with the query's id wins; the channel is closed when the exchange ends.
 *
 * <p>Thread-safe: every step runs on the given event loop; the returned future completes there.
 */
@SuppressWarnings("FutureReturnValueIgnored") // completion callbacks; errors handled inside
public final class UpstreamExchange extends ChannelInboundHandlerAdapter {
  private final CompletableFuture<Message> result = new CompletableFuture<>();
  private final int queryId;
  private final boolean tcp;

  private UpstreamExchange(int queryId, boolean tcp) {
    this.queryId = queryId;
    this.tcp = tcp;
  }

  /**
   * Sends {@code wire} to {@code upstream} and completes with its parsed reply or an error
   * (timeout, I/O error, unparseable reply). Used by every forwarder (Mesos-DNS's in-order one and
   * node DNS's parallel one).
   */
  public static CompletableFuture<Message> exchange(
      EventLoop loop,
      NettyTransport transport,
      InetSocketAddress upstream,
      byte[] wire,
      boolean tcp,
      Duration timeout) {
    int id = ((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF);
    UpstreamExchange ex = new UpstreamExchange(id, tcp);
    Bootstrap b =
        new Bootstrap()
            .group(loop)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    if (tcp) {
      b.channel(transport.socketChannel())
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(
              new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                  ch.pipeline()
                      .addLast(new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2))
                      .addLast(ex);
                }
              });
    } else {
      b.channel(transport.datagramChannel())
          // the default 2048-byte datagram buffer would cut large EDNS replies
          .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65535))
          .handler(ex);
    }
    ChannelFuture connect = b.connect(upstream);
    Channel ch = connect.channel();
    ScheduledFuture<?> timer =
        loop.schedule(
            () ->
                ex.result.completeExceptionally(
                    new TimeoutException("no reply from " + upstream + " within " + timeout)),
            timeout.toNanos(),
            TimeUnit.NANOSECONDS);
    ex.result.whenComplete(
        (m, e) -> {
          timer.cancel(false);
          ch.close();
        });
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            ex.result.completeExceptionally(f.cause());
            return;
          }
          ByteBuf out;
          if (tcp) {
            out = ch.alloc().buffer(2 + wire.length);
            out.writeShort(wire.length);
            out.writeBytes(wire);
          } else {
            out = Unpooled.wrappedBuffer(wire);
          }
          ch.writeAndFlush(out)
              .addListener(
                  w -> {
                    if (!w.isSuccess()) {
                      ex.result.completeExceptionally(w.cause());
                    }
                  });
        });
    return ex.result;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    byte[] bytes;
    try {
      if (msg instanceof DatagramPacket p) {
        bytes = ByteBufUtil.getBytes(p.content());
      } else if (msg instanceof ByteBuf buf) {
        bytes = ByteBufUtil.getBytes(buf);
      } else {
        return;
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
    if (bytes.length < 12) {
      result.completeExceptionally(new IOException("short reply: " + bytes.length + " bytes"));
      return;
    }
    int id = ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
    if (id != queryId || (bytes[2] & 0x80) == 0) { // not our id, or not a response (QR=0)
      if (tcp) {
        result.completeExceptionally(new IOException("reply id " + id + " != " + queryId));
      }
      return; // UDP: a stray datagram; keep waiting for the real reply
    }
    try {
      result.complete(new RelayedMessage(bytes));
    } catch (IOException | RuntimeException e) {
      result.completeExceptionally(new IOException("unparseable reply: " + e, e));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    result.completeExceptionally(new IOException("upstream connection closed"));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // e.g. ICMP port unreachable on the connected UDP socket: the upstream is down.
    result.completeExceptionally(cause);
  }
}
