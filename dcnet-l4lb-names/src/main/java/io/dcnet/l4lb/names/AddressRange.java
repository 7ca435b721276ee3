package io.dcnet.l4lb.names;

import io.dcnet.core.net.IpLiterals;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An inclusive range of IPv4 or IPv6 addresses named VIPs are allocated from. Immutable.
 *
 * @param field the configuration field it came from (used in error messages)
 * @param min the first address
 * @param max the last address (greater than {@code min}, same family)
 */
public record AddressRange(String field, InetAddress min, InetAddress max) {
  public AddressRange {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(min, field + ".min");
    Objects.requireNonNull(max, field + ".max");
    if (IpLiterals.isV6(min) != IpLiterals.isV6(max)) {
      throw new IllegalArgumentException(
          field
              + ": "
              + IpLiterals.format(min)
              + "-"
              + IpLiterals.format(max)
              + " (expected: min and max of the same address family)");
    }
    if (toInt(min).compareTo(toInt(max)) >= 0) {
      throw new IllegalArgumentException(
          field
              + ": "
              + IpLiterals.format(min)
              + "-"
              + IpLiterals.format(max)
              + " (expected: min < max)");
    }
  }

  /**
   * Parses {@code min} and {@code max} address literals.
   *
   * @param ipv6 whether the range must be IPv6 (else IPv4)
   * @throws IllegalArgumentException naming {@code field} and the expected form
   */
  public static AddressRange parse(String field, String min, String max, boolean ipv6) {
    return parse(field, field + ".min", min, field + ".max", max, ipv6);
  }

  /**
   * As {@link #parse(String, String, String, boolean)}, with the configuration keys of each end for
   * the messages about that end.
   */
  public static AddressRange parse(
      String field, String minField, String min, String maxField, String max, boolean ipv6) {
    InetAddress lo = literal(minField, min, ipv6);
    InetAddress hi = literal(maxField, max, ipv6);
    return new AddressRange(field, lo, hi);
  }

  private static InetAddress literal(String field, String text, boolean ipv6) {
    String expected = ipv6 ? "an IPv6 address" : "an IPv4 address";
    InetAddress a =
        IpLiterals.parse(text)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        field + ": " + text + " (expected: " + expected + ")"));
    if (IpLiterals.isV6(a) != ipv6) {
      throw new IllegalArgumentException(field + ": " + text + " (expected: " + expected + ")");
    }
    return a;
  }

  /** True for an IPv6 range. */
  public boolean isV6() {
    return IpLiterals.isV6(min);
  }

  /** {@code max - min}: the modulus of the start-point hashes (as upstream). */
  public BigInteger span() {
    return toInt(max).subtract(toInt(min));
  }

  /** Number of addresses in the range, {@code max - min + 1}. */
  public BigInteger size() {
    return span().add(BigInteger.ONE);
  }

  /** The address {@code offset} after {@code min}; offset must be in {@code [0, size)}. */
  public InetAddress at(BigInteger offset) {
    if (offset.signum() < 0 || offset.compareTo(size()) >= 0) {
      throw new IllegalArgumentException(
          "offset: " + offset + " (expected: 0-" + span() + " in " + text() + ")");
    }
    return fromInt(toInt(min).add(offset), isV6());
  }

  /** True if {@code address} lies inside the range. */
  public boolean contains(InetAddress address) {
    if (IpLiterals.isV6(address) != isV6()) {
      return false;
    }
    BigInteger v = toInt(address);
    return v.compareTo(toInt(min)) >= 0 && v.compareTo(toInt(max)) <= 0;
  }

  /** {@code min-max}, e.g. {@code 11.0.0.0-11.255.255.254}. */
  public String text() {
    return IpLiterals.format(min) + "-" + IpLiterals.format(max);
  }

  @Override
  public String toString() {
    return field + "=" + text();
  }

  static BigInteger toInt(InetAddress a) {
    return new BigInteger(1, a.getAddress());
  }

  private static InetAddress fromInt(BigInteger v, boolean v6) {
    int len = v6 ? 16 : 4;
    byte[] raw = v.toByteArray();
    byte[] out = new byte[len];
    int copy = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
    try {
      return InetAddress.getByAddress(out);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address length " + len, e);
    }
  }
}
