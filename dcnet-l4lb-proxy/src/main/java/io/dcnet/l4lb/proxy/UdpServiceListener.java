package io.dcnet.l4lb.proxy;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import java.util.List;

/**
 * A UDP VIP listener: one datagram channel on the VIP address and port; a {@link
 * UdpFrontendHandler} keeps one {@link UdpSession} per client address and port. Replies go back to
 * the client from this channel, so they come from the VIP address and port. Thread-safety as {@link
 * ServiceListener}.
 */
final class UdpServiceListener extends ServiceListener {
  UdpServiceListener(ServiceKey key, List<Destination> destinations, ProxyContext context) {
    super(key, destinations, context);
  }

  @Override
  AbstractBootstrap<?, ?> bootstrap() {
    ProxyContext c = context();
    return new Bootstrap()
        .group(c.group())
        .channel(c.transport().datagramChannel())
        .handler(new UdpFrontendHandler(this));
  }
}
