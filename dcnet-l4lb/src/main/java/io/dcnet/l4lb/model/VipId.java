package io.dcnet.l4lb.model;

import io.dcnet.core.net.IpLiterals;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One VIP as tasks declare it: protocol, host and port. The host is either an IP literal (an IP
 * VIP, kept in canonical form) or a named-VIP name such as {@code mygroupmyapp.marathon} (already
 * sanitised, without the {@code .l4lb.thisdcos.directory} suffix). Immutable.
 *
 * <p>Text form: {@code tcp://11.0.0.1:80}, {@code udp://[fd01:c::1]:53}, {@code
 * tcp://myapp.marathon:80}.
 */
public record VipId(Protocol protocol, String host, int port) implements Comparable<VipId> {
  public VipId {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host: empty (expected: an IP address or a VIP name)");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
    }
    Optional<InetAddress> ip = IpLiterals.parse(host);
    if (ip.isPresent()) {
      host = IpLiterals.format(ip.get());
    }
  }

  /** True for a named VIP, false for an IP VIP. */
  public boolean isNamed() {
    return !IpLiterals.isLiteral(host);
  }

  /** The address of an IP VIP; empty for a named VIP. */
  public Optional<InetAddress> address() {
    return IpLiterals.parse(host);
  }

  /** The text form, {@code proto://host:port} with IPv6 hosts in brackets. */
  public String text() {
    return protocol.wireName() + "://" + hostPort();
  }

  /** {@code host:port}, IPv6 hosts in brackets. */
  public String hostPort() {
    boolean v6 = address().map(IpLiterals::isV6).orElse(false);
    return (v6 ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static VipId parse(String text) {
    int sep = text == null ? -1 : text.indexOf("://");
    int colon = text == null ? -1 : text.lastIndexOf(':');
    if (sep < 0 || colon <= sep + 2) {
      throw new IllegalArgumentException("vip: " + text + " (expected: tcp|udp://host:port)");
    }
    String host = text.substring(sep + 3, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("vip: " + text + " (expected: tcp|udp://host:port)", e);
    }
    return new VipId(Protocol.parse(text.substring(0, sep)), host, port);
  }

  @Override
  public int compareTo(VipId o) {
    int c = host.compareTo(o.host);
    if (c == 0) {
      c = Integer.compare(port, o.port);
    }
    return c != 0 ? c : protocol.compareTo(o.protocol);
  }

  @Override
  public String toString() {
    return text();
  }
}
