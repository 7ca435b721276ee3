package io.dcnet.dns.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * What the UDP and TCP query handlers share: a query is processed while its read is in progress,
 * and a reply produced during that read is written without a flush; one flush at the end of the
 * read batch sends them all. A reply that completes later (forwarded queries) is flushed at once.
 *
 * <p>One instance per channel; owned by that channel's event loop.
 */
@SuppressWarnings("FutureReturnValueIgnored") // Netty I/O futures: failures reach exceptionCaught
abstract class BatchingQueryHandler extends ChannelInboundHandlerAdapter {
  private boolean reading;
  private boolean needFlush;

  /** Runs the query through {@code processor}; replies go to {@code reply}. */
  final void process(
      ChannelHandlerContext ctx,
      QueryProcessor processor,
      byte[] wire,
      DnsProtocol protocol,
      InetSocketAddress client,
      Consumer<byte[]> reply) {
    reading = true;
    try {
      processor.process(wire, protocol, client, ctx.channel().eventLoop(), reply);
    } finally {
      reading = false;
    }
  }

  /** Writes {@code out}, deferring the flush to the end of the read batch when possible. */
  final void send(ChannelHandlerContext ctx, Object out) {
    if (reading && ctx.executor().inEventLoop()) {
      ctx.write(out, ctx.voidPromise());
      needFlush = true;
    } else {
      ctx.writeAndFlush(out, ctx.voidPromise());
    }
  }

  @Override
  public final void channelReadComplete(ChannelHandlerContext ctx) {
    if (needFlush) {
      needFlush = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }
}
