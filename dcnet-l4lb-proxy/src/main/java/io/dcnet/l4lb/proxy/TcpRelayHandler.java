package io.dcnet.l4lb.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays what one side of a proxied TCP connection reads to the other side ({@code peer}). One
 * instance on each side. Both sides run on the same event loop.
 *
 * <ul>
 *   <li>Backpressure: when the peer stops being writable this side stops reading (auto-read off)
 *       until the peer drains ({@link #channelWritabilityChanged} on the peer's handler turns it
 *       back on).
 *   <li>Half-close: end of input on this side shuts the peer's output down after flushing; when
 *       both directions have ended, both channels close (when this side's output is already shut at
 *       its end of input, the peer is flushed and both are closed at once, one shutdown call less
 *       per connection).
 *   <li>Close or error on one side closes the other (after flushing on a clean close; a reset is
 *       passed on as a reset).
 * </ul>
 *
 * <p>Not shareable; owned by the connection's event loop.
 */
@SuppressWarnings(
    "FutureReturnValueIgnored") // Netty I/O futures: failures reach exceptionCaught or a listener
final class TcpRelayHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(TcpRelayHandler.class);

  private final Channel peer;

  TcpRelayHandler(Channel peer) {
    this.peer = peer;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    peer.write(msg).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    if (!peer.isWritable()) {
      // stop reading first: the flush may drain the peer at once, and its writability event
      // (which turns reading back on) then fires inside the flush
      ctx.channel().config().setAutoRead(false);
      peer.flush();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    peer.flush();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // this side drained (or filled up): let the peer read again (or stop it)
    SocketChannel p = (SocketChannel) peer;
    if (!p.isInputShutdown()) {
      peer.config().setAutoRead(ctx.channel().isWritable());
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      SocketChannel self = (SocketChannel) ctx.channel();
      SocketChannel p = (SocketChannel) peer;
      if (self.isOutputShutdown()) {
        // the other direction has already ended: flush what is left and close both (the close
        // sends the peer its FIN, so a separate shutdown of its output is not needed)
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> closeBoth(ctx));
        return;
      }
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER)
          .addListener(
              (ChannelFutureListener)
                  f -> {
                    if (!f.isSuccess()) {
                      closeBoth(ctx);
                      return;
                    }
                    p.shutdownOutput()
                        .addListener(
                            (ChannelFutureListener)
                                g -> {
                                  if (!g.isSuccess() || self.isOutputShutdown()) {
                                    closeBoth(ctx);
                                  }
                                });
                  });
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (peer.isActive()) {
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      log.debug("relay {} failed: {}", ctx.channel(), cause.toString());
      if (peer.isOpen()) {
        peer.config().setOption(ChannelOption.SO_LINGER, 0);
      }
    } else {
      log.warn("relay {} failed", ctx.channel(), cause);
    }
    peer.close();
    ctx.close();
  }

  private void closeBoth(ChannelHandlerContext ctx) {
    peer.close();
    ctx.close();
  }
}
