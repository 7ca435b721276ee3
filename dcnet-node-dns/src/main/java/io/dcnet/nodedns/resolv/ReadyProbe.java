package io.dcnet.nodedns.resolv;

import java.net.InetAddress;

/**
 * Whether a node DNS address answers: the seam between the resolv.conf and watchdog loops and the
 * network. {@link DnsReadyProbe} is the real one.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ReadyProbe {
  /** True when {@code nameserver} answered {@code ready.spartan} with an address in time. */
  boolean answers(InetAddress nameserver);
}
