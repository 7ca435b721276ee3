package io.dcnet.dns.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Live counters of a {@link DnsServer}. Read them at any time (e.g. for metrics).
 *
 * <p>Thread-safe: atomics updated from every event loop.
 *
 * @param queries datagrams and TCP frames received (including garbage)
 * @param responsesByRcode responses sent, indexed by rcode 0-15
 * @param truncated responses cut to fit the size limit (§4.3)
 * @param formerr malformed queries answered with FORMERR
 * @param dropped inputs dropped without an answer (shorter than a header, a response packet, or a
 *     reply that could not be written because the channel was saturated)
 * @param overload queries refused with SERVFAIL because {@code maxInFlight} was reached
 * @param timeouts queries whose handler did not answer within {@code queryTimeout} (SERVFAIL)
 * @param handlerErrors handler exceptions and failed stages (SERVFAIL)
 * @param tcpRejected TCP connections closed at once because {@code maxTcpConnections} was reached
 */
public record DnsServerStats(
    AtomicLong queries,
    AtomicLongArray responsesByRcode,
    AtomicLong truncated,
    AtomicLong formerr,
    AtomicLong dropped,
    AtomicLong overload,
    AtomicLong timeouts,
    AtomicLong handlerErrors,
    AtomicLong tcpRejected) {

  /** All counters at zero. */
  public static DnsServerStats create() {
    return new DnsServerStats(
        new AtomicLong(),
        new AtomicLongArray(16),
        new AtomicLong(),
        new AtomicLong(),
        new AtomicLong(),
        new AtomicLong(),
        new AtomicLong(),
        new AtomicLong(),
        new AtomicLong());
  }

  /** Responses sent with {@code rcode} (0-15). */
  public long responses(int rcode) {
    return responsesByRcode.get(rcode & 0xF);
  }

  /** All responses sent. */
  public long responses() {
    long sum = 0;
    for (int i = 0; i < responsesByRcode.length(); i++) {
      sum += responsesByRcode.get(i);
    }
    return sum;
  }

  void countResponse(int rcode) {
    responsesByRcode.incrementAndGet(rcode & 0xF);
  }
}
