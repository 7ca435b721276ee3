package io.dcnet.nodedns.listen;

import io.dcnet.dns.server.DnsQueryHandler;
import io.dcnet.dns.server.DnsServer;
import io.dcnet.dns.server.DnsServerOptions;
import io.dcnet.nodedns.config.NodeDnsConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link DnsServer} (UDP + TCP on {@code udp_port}) per bind address chosen by {@link
 * BindAddressSelector}, all with the same handler. {@code handler_limit} becomes each server's
 * {@code maxInFlight} (dcos-net's limit was per node; here it is per listener). An address that
 * cannot be bound is logged and skipped; having none bound is an error.
 *
 * <p>Thread-safe: {@link #close} may be called from any thread.
 */
public final class NodeDnsListeners implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeDnsListeners.class);

  private final List<DnsServer> servers;

  private NodeDnsListeners(List<DnsServer> servers) {
    this.servers = List.copyOf(servers);
  }

  /**
   * Binds every selected address.
   *
   * @param config bind settings, port and {@code handler_limit}
   * @param handler the router
   * @param options server options ({@code maxInFlight} is replaced by {@code handler_limit})
   * @param interfaces interface name → addresses ({@link BindAddressSelector#systemInterfaces()})
   * @throws IllegalStateException when no address is selected or none could be bound
   */
  public static NodeDnsListeners start(
      NodeDnsConfig config,
      DnsQueryHandler handler,
      DnsServerOptions options,
      Map<String, List<InetAddress>> interfaces) {
    Objects.requireNonNull(handler, "handler");
    List<InetAddress> addresses = BindAddressSelector.select(config, interfaces);
    if (addresses.isEmpty()) {
      throw new IllegalStateException(
          "no DNS bind address (bind_ips: "
              + config.bindIps()
              + ", bind_interface: \""
              + config.bindInterface()
              + "\"; expected: at least one address not link-local nor blacklisted)");
    }
    DnsServerOptions opts = options.withMaxInFlight(config.handlerLimit());
    List<DnsServer> started = new ArrayList<>();
    for (InetAddress a : addresses) {
      try {
        started.add(new DnsServer(a, config.udpPort(), handler, opts).start());
      } catch (IllegalStateException e) {
        log.warn("DNS listener on {} port {} not started: {}", a, config.udpPort(), e.getMessage());
      }
    }
    if (started.isEmpty()) {
      throw new IllegalStateException(
          "DNS: could not bind any of " + addresses + " port " + config.udpPort());
    }
    return new NodeDnsListeners(started);
  }

  /** The running servers, in bind order. */
  public List<DnsServer> servers() {
    return servers;
  }

  @Override
  public void close() {
    for (DnsServer s : servers) {
      s.close();
    }
  }
}
