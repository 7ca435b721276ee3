package io.dcnet.l4lb.dataplane;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The environment a {@link DataPlaneTrafficContract} runs in: where backends run, where clients
 * connect from, which addresses can serve as VIPs. Each data-plane module implements one (a network
 * namespace for nftables, loopback for the userspace proxy).
 *
 * <p>Backend protocol: a TCP backend writes its name and a newline on accept, then answers every
 * line it reads with its name and a newline; a UDP backend answers every datagram with its name.
 */
public interface TrafficHarness extends AutoCloseable {
  /** An IPv4 address usable as a VIP in this environment ({@code i} from 0 to 9). */
  InetAddress vip4(int i);

  /** An IPv6 address usable as a VIP in this environment ({@code i} from 0 to 9). */
  InetAddress vip6(int i);

  /** Starts a TCP+UDP backend named {@code name} on a fresh port; returns where it listens. */
  Destination startBackend(String name, boolean ipv6, int weight) throws IOException;

  /** Stops a backend started by {@link #startBackend}. */
  void stopBackend(String name) throws IOException;

  /**
   * One request from the client side: for TCP connect and read the first line, for UDP send one
   * datagram and read the reply. Returns the backend's name, or empty when the connection was
   * refused, reset, unreachable or timed out (at most 2 s).
   */
  Optional<String> request(ServiceKey service) throws IOException;

  /** Opens a long-lived TCP connection through the service. */
  Flow open(ServiceKey service) throws IOException;

  /** Releases everything the harness made. */
  @Override
  void close() throws IOException;

  /** A long-lived TCP connection. */
  interface Flow extends AutoCloseable {
    /** The name of the backend that answered on connect. */
    String backend();

    /** Sends a line and reads the answer: true if the same backend still answers. */
    boolean stillServed() throws IOException;

    @Override
    void close() throws IOException;
  }
}
