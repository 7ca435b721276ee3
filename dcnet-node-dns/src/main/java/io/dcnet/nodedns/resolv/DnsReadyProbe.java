package io.dcnet.nodedns.resolv;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks {@code ready.spartan. A} over UDP, as dcos-net's {@code gen_resolvconf} and watchdog did:
 * every node DNS answers it from its static {@code spartan} zone, without forwarding, so an answer
 * means the server's sockets and router work.
 *
 * <p>Thread-safe: each call uses its own resolver.
 */
public final class DnsReadyProbe implements ReadyProbe {
  /** The name every node DNS answers locally. */
  public static final String READY_NAME = "ready.spartan.";

  private static final Name READY = ready();

  private final int port;
  private final Duration timeout;

  /**
   * @param port the DNS port (53 in production; resolv.conf cannot name another)
   * @param timeout how long to wait for the answer
   */
  public DnsReadyProbe(int port, Duration timeout) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
    }
    this.port = port;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public boolean answers(InetAddress nameserver) {
    try {
      SimpleResolver r = new SimpleResolver(nameserver);
      r.setPort(port);
      r.setTimeout(timeout);
      Message reply = r.send(Message.newQuery(Record.newRecord(READY, Type.A, 1)));
      if (reply.getRcode() != Rcode.NOERROR) {
        return false;
      }
      for (Record rec : reply.getSection(Section.ANSWER)) {
        if (rec instanceof ARecord) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false; // timeout, refused, unreachable
    }
  }

  private static Name ready() {
    try {
      return Name.fromString(READY_NAME);
    } catch (TextParseException e) {
      throw new IllegalStateException(e);
    }
  }
}
