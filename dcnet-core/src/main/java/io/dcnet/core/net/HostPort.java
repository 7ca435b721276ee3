package io.dcnet.core.net;

import java.util.Objects;
import java.util.Optional;

/**
 * A host and a port, parsed from {@code host:port} or {@code [v6]:port}. The host is kept as
 * written (it may be a name or a literal); nothing is resolved.
 */
public record HostPort(String host, int port) {
  public HostPort {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
    }
  }

  /**
   * Parses {@code host:port}, {@code [ipv6]:port} or a bare IPv6 literal with no port is rejected.
   * Returns empty when the text has no port or the port is not 0-65535.
   */
  public static Optional<HostPort> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    String host;
    String portText;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        return Optional.empty();
      }
      host = text.substring(1, close);
      portText = text.substring(close + 2);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0 || text.indexOf(':') != colon) {
        return Optional.empty();
      }
      host = text.substring(0, colon);
      portText = text.substring(colon + 1);
    }
    if (portText.isEmpty()
        || portText.length() > 5
        || !portText.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    int port = Integer.parseInt(portText);
    if (port > 65535) {
      return Optional.empty();
    }
    return Optional.of(new HostPort(host, port));
  }

  /** Like {@link #parse} but a missing port means {@code defaultPort}. */
  public static Optional<HostPort> parse(String text, int defaultPort) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    if (IpLiterals.isLiteral(text)) {
      return Optional.of(new HostPort(text, defaultPort));
    }
    if (text.indexOf(':') < 0) {
      return Optional.of(new HostPort(text, defaultPort));
    }
    return parse(text);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
