package io.dcnet.nodedns.forward;

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
 * One worker of a parallel forward: sends the client's bytes to one upstream over a fresh Netty
 * channel (a connected UDP socket with its own ephemeral port, or a TCP connection with 2-byte
 * framing) and completes with the first reply carrying the query's id. The channel is closed when
 * the call ends, fails or times out.
 *
 * <p>Owned by the event loop it runs on.
 */
@SuppressWarnings("FutureReturnValueIgnored") // completion callbacks; errors handled inside
final class UpstreamCall extends ChannelInboundHandlerAdapter {
  private final CompletableFuture<Message> result = new CompletableFuture<>();
  private final int queryId;
  private final boolean tcp;
  private Channel channel;

  private UpstreamCall(int queryId, boolean tcp) {
    this.queryId = queryId;
    this.tcp = tcp;
  }

  /** Completes with the parsed reply, or exceptionally (timeout, I/O error, bad reply). */
  CompletableFuture<Message> result() {
    return result;
  }

  static UpstreamCall start(
      EventLoop loop,
      NettyTransport transport,
      InetSocketAddress upstream,
      byte[] wire,
      boolean tcp,
      Duration timeout) {
    int id = ((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF);
    UpstreamCall call = new UpstreamCall(id, tcp);
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
                      .addLast(call);
                }
              });
    } else {
      b.channel(transport.datagramChannel())
          .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65535))
          .handler(call);
    }
    ChannelFuture connect = b.connect(upstream);
    call.channel = connect.channel();
    ScheduledFuture<?> timer =
        loop.schedule(
            () ->
                call.result.completeExceptionally(
                    new TimeoutException("no reply from " + upstream + " within " + timeout)),
            timeout.toNanos(),
            TimeUnit.NANOSECONDS);
    call.result.whenComplete(
        (m, e) -> {
          timer.cancel(false);
          call.channel.close();
        });
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            call.result.completeExceptionally(f.cause());
            return;
          }
          ByteBuf out;
          if (tcp) {
            out = call.channel.alloc().buffer(2 + wire.length);
            out.writeShort(wire.length);
            out.writeBytes(wire);
          } else {
            out = Unpooled.wrappedBuffer(wire);
          }
          call.channel
              .writeAndFlush(out)
              .addListener(
                  w -> {
                    if (!w.isSuccess()) {
                      call.result.completeExceptionally(w.cause());
                    }
                  });
        });
    return call;
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
    if (id != queryId || (bytes[2] & 0x80) == 0) {
      if (tcp) {
        result.completeExceptionally(new IOException("reply id " + id + " != " + queryId));
      }
      return; // UDP: a stray datagram; keep waiting
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
    // e.g. ICMP port unreachable on the connected UDP socket: this upstream is down.
    result.completeExceptionally(cause);
  }
}
