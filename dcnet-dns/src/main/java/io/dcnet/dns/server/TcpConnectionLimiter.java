package io.dcnet.dns.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes new TCP connections at once while {@code max} are open.
 *
 * <p>Thread-safe and {@link ChannelHandler.Sharable}: one instance on every accepted channel.
 */
@ChannelHandler.Sharable
@SuppressWarnings("FutureReturnValueIgnored") // Netty I/O futures: failures reach exceptionCaught
final class TcpConnectionLimiter extends ChannelInboundHandlerAdapter {
  private final int max;
  private final DnsServerStats stats;
  private final AtomicInteger open = new AtomicInteger();

  TcpConnectionLimiter(int max, DnsServerStats stats) {
    this.max = max;
    this.stats = stats;
  }

  int open() {
    return open.get();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (open.incrementAndGet() > max) {
      stats.tcpRejected().incrementAndGet();
      ctx.close();
      return;
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    open.decrementAndGet();
    ctx.fireChannelInactive();
  }
}
