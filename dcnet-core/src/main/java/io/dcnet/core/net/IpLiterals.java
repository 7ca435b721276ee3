package io.dcnet.core.net;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Parses IP address literals without ever touching DNS. {@link InetAddress#getByName} resolves
 * names; everything in dcnet that expects an IP must go through here instead.
 *
 * <p>Thread-safe: stateless.
 */
public final class IpLiterals {
  private IpLiterals() {}

  /** Returns the address for an IPv4 or IPv6 literal (brackets and zone ids are rejected). */
  public static Optional<InetAddress> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    if (!NetUtil.isValidIpV4Address(text) && !NetUtil.isValidIpV6Address(text)) {
      return Optional.empty();
    }
    if (text.indexOf('%') >= 0) {
      return Optional.empty();
    }
    return Optional.ofNullable(NetUtil.createInetAddressFromIpAddressString(text));
  }

  /**
   * The canonical text of an IP literal ({@link #format}), for validating input at an edge.
   *
   * @param field names the input in the error, e.g. {@code agentIp}
   * @throws IllegalArgumentException {@code <field>: <text> (expected: an IP address)}
   */
  public static String canonical(String field, String text) {
    return parse(text)
        .map(IpLiterals::format)
        .orElseThrow(
            () -> new IllegalArgumentException(field + ": " + text + " (expected: an IP address)"));
  }

  /** True if {@code text} is an IPv4 or IPv6 literal. */
  public static boolean isLiteral(String text) {
    return parse(text).isPresent();
  }

  /**
   * True if the address belongs in an A record: IPv4, including IPv4-mapped IPv6 (which Java
   * already returns as {@link Inet4Address}).
   */
  public static boolean isV4(InetAddress address) {
    return address instanceof Inet4Address;
  }

  /** True if the address belongs in an AAAA record. */
  public static boolean isV6(InetAddress address) {
    return address instanceof Inet6Address;
  }

  /** Canonical text form: dotted quad, or RFC 5952 compressed IPv6. */
  public static String format(InetAddress address) {
    return NetUtil.toAddressString(address);
  }
}
