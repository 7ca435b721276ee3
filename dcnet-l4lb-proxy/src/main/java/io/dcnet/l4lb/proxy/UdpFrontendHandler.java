package io.dcnet.l4lb.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Datagrams arriving on a UDP VIP: each client address and port gets a {@link UdpSession} (a
 * connected channel to one chosen backend) that lives until it has been idle for {@link
 * ProxyOptions#udpSessionIdle}. Datagrams from a client for which no backend can be chosen are
 * dropped.
 *
 * <p>Not shareable; owned by the VIP channel's event loop, which also runs every session of this
 * listener, so the session map needs no locking.
 */
final class UdpFrontendHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final Logger log = LoggerFactory.getLogger(UdpFrontendHandler.class);

  private final ServiceListener listener;
  private final Map<InetSocketAddress, UdpSession> sessions = new HashMap<>();

  UdpFrontendHandler(ServiceListener listener) {
    super(false);
    this.listener = listener;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    InetSocketAddress client = packet.sender();
    UdpSession session = sessions.get(client);
    if (session == null) {
      session = UdpSession.open(listener, ctx.channel(), client);
      if (session == null) {
        listener.context().stats().dropped();
        packet.release();
        return;
      }
      UdpSession opened = session;
      sessions.put(client, opened);
      opened.closeFuture().addListener(f -> sessions.remove(client, opened));
    }
    session.send(packet.content());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // a UDP socket reports ICMP errors of earlier sends here; the listener stays up
    log.debug("{}: {}", listener.key(), cause.toString());
  }
}
