package io.dcnet.dns.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
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
final class UdpQueryHandler extends BatchingQueryHandler {
  private static final Logger log = LoggerFactory.getLogger(UdpQueryHandler.class);
  private static final AtomicBoolean errorLogged = new AtomicBoolean();

  private final QueryProcessor processor;
  private final DnsServerStats stats;

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
    process(ctx, processor, wire, DnsProtocol.UDP, sender, r -> reply(ctx, r, sender));
  }

  private void reply(ChannelHandlerContext ctx, byte[] wire, InetSocketAddress to) {
    if (!ctx.channel().isWritable()) {
      stats.dropped().incrementAndGet();
      return;
    }
    send(ctx, new DatagramPacket(Unpooled.wrappedBuffer(wire), to));
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
