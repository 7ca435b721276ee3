package io.dcnet.dns.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * Answers the length-framed queries of one TCP connection. Queries may be pipelined; each is
 * answered as soon as its handler completes, so replies may come out of order. Reading pauses while
 * the connection is not writable (a client that does not read cannot pile up replies), and the
 * connection is closed on idle timeout or any error.
 *
 * <p>One instance per connection; owned by its event loop.
 */
@SuppressWarnings("FutureReturnValueIgnored") // Netty I/O futures: failures reach exceptionCaught
final class TcpQueryHandler extends BatchingQueryHandler {
  private final QueryProcessor processor;

  TcpQueryHandler(QueryProcessor processor) {
    this.processor = processor;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf frame)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    byte[] wire;
    try {
      wire = ByteBufUtil.getBytes(frame);
    } finally {
      frame.release();
    }
    InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
    process(ctx, processor, wire, DnsProtocol.TCP, client, r -> reply(ctx, r));
  }

  private void reply(ChannelHandlerContext ctx, byte[] wire) {
    if (!ctx.channel().isActive()) {
      return;
    }
    ByteBuf out = ctx.alloc().buffer(2 + wire.length);
    out.writeShort(wire.length);
    out.writeBytes(wire);
    send(ctx, out);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    ctx.fireChannelWritabilityChanged();
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
    // Broken framing, resets, and so on: this connection is done; the server is not affected.
    ctx.close();
  }
}
