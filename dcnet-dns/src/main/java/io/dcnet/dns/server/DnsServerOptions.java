package io.dcnet.dns.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Construction options of a {@link DnsServer}.
 *
 * <p>Immutable; thread-safe.
 *
 * @param setTruncateBit Mesos-DNS {@code SetTruncateBit}: TC=1 when a reply was cut here or already
 *     had TC; false always clears TC (§4.3)
 * @param maxInFlight queries being answered at once; beyond it a query gets SERVFAIL at once
 *     (counted as overload)
 * @param queryTimeout longest wait for a handler's answer before SERVFAIL
 * @param tcpIdleTimeout a TCP connection with no read or write for this long is closed
 * @param maxTcpConnections open TCP connections; further ones are closed at once
 * @param udpChannels UDP sockets bound with SO_REUSEPORT (epoll only; NIO always uses one); 0 means
 *     one per I/O thread
 * @param ioThreads event loop threads; 0 means the number of available processors
 * @param preferEpoll use native epoll when available
 * @param udpReceiveBufferBytes SO_RCVBUF of each UDP socket
 * @param maxUdpQueryBytes receive buffer per datagram; longer datagrams are cut (and then
 *     malformed)
 */
public record DnsServerOptions(
    boolean setTruncateBit,
    int maxInFlight,
    Duration queryTimeout,
    Duration tcpIdleTimeout,
    int maxTcpConnections,
    int udpChannels,
    int ioThreads,
    boolean preferEpoll,
    int udpReceiveBufferBytes,
    int maxUdpQueryBytes) {

  public DnsServerOptions {
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    Objects.requireNonNull(tcpIdleTimeout, "tcpIdleTimeout");
    positive("maxInFlight", maxInFlight);
    positive("maxTcpConnections", maxTcpConnections);
    positive("udpReceiveBufferBytes", udpReceiveBufferBytes);
    if (queryTimeout.isNegative() || queryTimeout.isZero()) {
      throw new IllegalArgumentException("queryTimeout: " + queryTimeout + " (expected: > 0)");
    }
    if (tcpIdleTimeout.isNegative() || tcpIdleTimeout.isZero()) {
      throw new IllegalArgumentException("tcpIdleTimeout: " + tcpIdleTimeout + " (expected: > 0)");
    }
    if (udpChannels < 0 || udpChannels > 64) {
      throw new IllegalArgumentException("udpChannels: " + udpChannels + " (expected: 0-64)");
    }
    if (ioThreads < 0 || ioThreads > 256) {
      throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: 0-256)");
    }
    if (maxUdpQueryBytes < 512 || maxUdpQueryBytes > 65535) {
      throw new IllegalArgumentException(
          "maxUdpQueryBytes: " + maxUdpQueryBytes + " (expected: 512-65535)");
    }
  }

  /**
   * Defaults: TC bit on, 4096 in flight, 30 s query timeout, 10 s TCP idle timeout, 1024 TCP
   * connections, one UDP socket per thread, one thread per processor, epoll, 1 MiB receive buffer,
   * 4096-byte queries.
   */
  public static DnsServerOptions defaults() {
    return new DnsServerOptions(
        true,
        4096,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        1024,
        0,
        0,
        true,
        1 << 20,
        4096);
  }

  public DnsServerOptions withSetTruncateBit(boolean v) {
    return new DnsServerOptions(
        v,
        maxInFlight,
        queryTimeout,
        tcpIdleTimeout,
        maxTcpConnections,
        udpChannels,
        ioThreads,
        preferEpoll,
        udpReceiveBufferBytes,
        maxUdpQueryBytes);
  }

  public DnsServerOptions withMaxInFlight(int v) {
    return new DnsServerOptions(
        setTruncateBit,
        v,
        queryTimeout,
        tcpIdleTimeout,
        maxTcpConnections,
        udpChannels,
        ioThreads,
        preferEpoll,
        udpReceiveBufferBytes,
        maxUdpQueryBytes);
  }

  public DnsServerOptions withQueryTimeout(Duration v) {
    return new DnsServerOptions(
        setTruncateBit,
        maxInFlight,
        v,
        tcpIdleTimeout,
        maxTcpConnections,
        udpChannels,
        ioThreads,
        preferEpoll,
        udpReceiveBufferBytes,
        maxUdpQueryBytes);
  }

  public DnsServerOptions withTcpIdleTimeout(Duration v) {
    return new DnsServerOptions(
        setTruncateBit,
        maxInFlight,
        queryTimeout,
        v,
        maxTcpConnections,
        udpChannels,
        ioThreads,
        preferEpoll,
        udpReceiveBufferBytes,
        maxUdpQueryBytes);
  }

  public DnsServerOptions withMaxTcpConnections(int v) {
    return new DnsServerOptions(
        setTruncateBit,
        maxInFlight,
        queryTimeout,
        tcpIdleTimeout,
        v,
        udpChannels,
        ioThreads,
        preferEpoll,
        udpReceiveBufferBytes,
        maxUdpQueryBytes);
  }

  public DnsServerOptions withUdpChannels(int v) {
    return new DnsServerOptions(
        setTruncateBit,
        maxInFlight,
        queryTimeout,
        tcpIdleTimeout,
        maxTcpConnections,
        v,
        ioThreads,
        preferEpoll,
        udpReceiveBufferBytes,
        maxUdpQueryBytes);
  }

  public DnsServerOptions withIoThreads(int v) {
    return new DnsServerOptions(
        setTruncateBit,
        maxInFlight,
        queryTimeout,
        tcpIdleTimeout,
        maxTcpConnections,
        udpChannels,
        v,
        preferEpoll,
        udpReceiveBufferBytes,
        maxUdpQueryBytes);
  }

  public DnsServerOptions withPreferEpoll(boolean v) {
    return new DnsServerOptions(
        setTruncateBit,
        maxInFlight,
        queryTimeout,
        tcpIdleTimeout,
        maxTcpConnections,
        udpChannels,
        ioThreads,
        v,
        udpReceiveBufferBytes,
        maxUdpQueryBytes);
  }

  public DnsServerOptions withUdpReceiveBufferBytes(int v) {
    return new DnsServerOptions(
        setTruncateBit,
        maxInFlight,
        queryTimeout,
        tcpIdleTimeout,
        maxTcpConnections,
        udpChannels,
        ioThreads,
        preferEpoll,
        v,
        maxUdpQueryBytes);
  }

  public DnsServerOptions withMaxUdpQueryBytes(int v) {
    return new DnsServerOptions(
        setTruncateBit,
        maxInFlight,
        queryTimeout,
        tcpIdleTimeout,
        maxTcpConnections,
        udpChannels,
        ioThreads,
        preferEpoll,
        udpReceiveBufferBytes,
        v);
  }

  private static void positive(String field, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(field + ": " + v + " (expected: > 0)");
    }
  }
}
