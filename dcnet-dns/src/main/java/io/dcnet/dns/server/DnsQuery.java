package io.dcnet.dns.server;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.xbill.DNS.Message;

/**
 * One query as received: the parsed message, the exact bytes (for transparent forwarding), the
 * transport and client, and the event loop that owns the receiving channel (so a forwarder can open
 * its client channels on the same thread).
 *
 * <p>Immutable apart from {@code message} and {@code wire}, which handlers must treat as read-only.
 *
 * @param message the parsed query (at least one question)
 * @param wire the query exactly as received, without the TCP length prefix
 * @param protocol UDP or TCP
 * @param client the client's address
 * @param eventLoop the event loop of the receiving channel; may be null outside a server (tests)
 * @param transport the Netty channel classes the server uses; may be null outside a server
 */
@SuppressWarnings("ArrayRecordComponent") // the bytes as received; never compared
public record DnsQuery(
    Message message,
    byte[] wire,
    DnsProtocol protocol,
    InetSocketAddress client,
    EventLoop eventLoop,
    NettyTransport transport) {
  public DnsQuery {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(wire, "wire");
    Objects.requireNonNull(protocol, "protocol");
  }

  /** A query outside a running server (no event loop): for handlers that answer synchronously. */
  public static DnsQuery detached(Message message, DnsProtocol protocol) {
    return new DnsQuery(message, message.toWire(), protocol, null, null, null);
  }
}
