package io.dcnet.l4lb.names;

import java.util.Objects;

/**
 * The IPv4 and IPv6 ranges named VIPs get their addresses from. Immutable.
 *
 * <p>Defaults (spec 3.2): {@code 11.0.0.0-11.255.255.254} and {@code fd01:c::-fd01:c::ffff:ffff:
 * ffff:ffff}.
 */
public record NamedVipRanges(AddressRange ipv4, AddressRange ipv6) {
  /** The IPv4 range as operators configure it, for messages. */
  public static final String IPV4_FIELD = "l4lb.min_named_ip..max_named_ip";

  /** The IPv6 range as operators configure it, for messages. */
  public static final String IPV6_FIELD = "l4lb.min_named_ip6..max_named_ip6";

  public NamedVipRanges {
    Objects.requireNonNull(ipv4, IPV4_FIELD);
    Objects.requireNonNull(ipv6, IPV6_FIELD);
    if (ipv4.isV6()) {
      throw new IllegalArgumentException(
          IPV4_FIELD + ": " + ipv4.text() + " (expected: an IPv4 range)");
    }
    if (!ipv6.isV6()) {
      throw new IllegalArgumentException(
          IPV6_FIELD + ": " + ipv6.text() + " (expected: an IPv6 range)");
    }
  }

  /** The default ranges. */
  public static NamedVipRanges defaults() {
    return of("11.0.0.0", "11.255.255.254", "fd01:c::", "fd01:c::ffff:ffff:ffff:ffff");
  }

  /** Parses both ranges from address literals; errors name the configuration keys. */
  public static NamedVipRanges of(String v4Min, String v4Max, String v6Min, String v6Max) {
    return new NamedVipRanges(
        AddressRange.parse(
            IPV4_FIELD, "l4lb.min_named_ip", v4Min, "l4lb.max_named_ip", v4Max, false),
        AddressRange.parse(
            IPV6_FIELD, "l4lb.min_named_ip6", v6Min, "l4lb.max_named_ip6", v6Max, true));
  }
}
