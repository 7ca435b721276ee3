package io.dcnet.dns.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads query datagrams from one UDP channel and writes the replies. Replies produced while reading
 * are written without a flush and flushed once per read batch.
 *
 * <p>One instance per channel; owned by that channel's event loop (async replies are handed to the
 * channel, which is thread-safe).
 */
@SuppressWarnings("FutureReturnValueIgnored") // Netty I/O futures: failures reach exceptionCaught
final class UdpQueryHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(UdpQueryHandler.class);
  private static final AtomicBoolean errorLogged = new AtomicBoolean();

  private final QueryProcessor processor;
  private final DnsServerStats stats;
  private boolean reading;
  private boolean needFlush;

  UdpQueryHandler(QueryProcessor processor, DnsServerStats stats) {
    this.processor = processor;
    this.stats = stats;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DatagramPacket packet)) {
      io.netty.util.ReferenceCountUtil.release(msg);
      return;
    }
    byte[] wire;
    InetSocketAddress sender;
    try {
      wire = ByteBufUtil.getBytes(packet.content());
      sender = packet.sender();
    } finally {
      packet.release();
    }
    reading = true;
    try {
      processor.process(
          wire, DnsProtocol.UDP, sender, ctx.channel().eventLoop(), r -> reply(ctx, r, sender));
    } finally {
      reading = false;
    }
  }

  private void reply(ChannelHandlerContext ctx, byte[] wire, InetSocketAddress to) {
    if (!ctx.channel().isWritable()) {
      stats.dropped().incrementAndGet();
      return;
    }
    DatagramPacket out = new DatagramPacket(Unpooled.wrappedBuffer(wire), to);
    if (reading && ctx.executor().inEventLoop()) {
      ctx.write(out, ctx.voidPromise());
      needFlush = true;
    } else {
      ctx.writeAndFlush(out, ctx.voidPromise());
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (needFlush) {
      needFlush = false;
      ctx.flush();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A UDP socket serves every client: never close it for one bad packet or send error.
    stats.dropped().incrementAndGet();
    if (errorLogged.compareAndSet(false, true)) {
      log.warn("UDP DNS channel error (logged once): {}", cause.toString());
    }
  }
}
