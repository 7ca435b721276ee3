package io.dcnet.l4lb.names;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Start points of the named-VIP address probe, as dcos-net computes them (spec 3.2), so that in the
 * common case (no collision) a name gets the same address as upstream would give it.
 *
 * <ul>
 *   <li>IPv4: {@code min + erlang:phash2(NameBinary, max - min)}. OTP's {@code phash2} of a binary
 *       is Bob Jenkins' 1996 "lookup2" block hash of the bytes, seeded with 13 × the golden-ratio
 *       constant, reduced modulo the range. Re-implemented here from that description.
 *   <li>IPv6: {@code min + (SHA-1(name) as an unsigned 160-bit integer mod (max - min))}.
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
public final class NamedVipHash {
  private static final int GOLDEN = 0x9e3779b9;
  // OTP's HCONST_13 (13 x the golden-ratio constant, mod 2^32): the seed for binaries
  private static final int SEED = 0x08d12e65;

  private NamedVipHash() {}

  /** The IPv4 start address of {@code name} in {@code range}. */
  public static InetAddress ipv4Start(String name, AddressRange range) {
    long span = range.span().longValueExact();
    if (span > 0xffffffffL) {
      throw new IllegalArgumentException(
          range.field() + ": " + range.text() + " (expected: at most 2^32 addresses)");
    }
    return range.at(BigInteger.valueOf(phash2(bytes(name), span)));
  }

  /** The IPv6 start address of {@code name} in {@code range}. */
  public static InetAddress ipv6Start(String name, AddressRange range) {
    BigInteger h = new BigInteger(1, sha1(bytes(name)));
    return range.at(h.mod(range.span()));
  }

  /** The start address for the range's family. */
  public static InetAddress start(String name, AddressRange range) {
    return range.isV6() ? ipv6Start(name, range) : ipv4Start(name, range);
  }

  /**
   * {@code erlang:phash2(Binary, Range)} for a byte-aligned binary.
   *
   * @param range 1 to 2^32
   * @return a value in {@code [0, range)}
   */
  public static long phash2(byte[] data, long range) {
    if (range < 1 || range > (1L << 32)) {
      throw new IllegalArgumentException("range: " + range + " (expected: 1-2^32)");
    }
    int h = data.length == 0 ? SEED : lookup2(data, SEED);
    return Integer.toUnsignedLong(h) % range;
  }

  private static int lookup2(byte[] k, int initval) {
    int a = GOLDEN;
    int b = GOLDEN;
    int c = initval;
    int i = 0;
    int left = k.length;
    while (left >= 12) {
      a += word(k, i);
      b += word(k, i + 4);
      c += word(k, i + 8);
      int[] m = mix(a, b, c);
      a = m[0];
      b = m[1];
      c = m[2];
      i += 12;
      left -= 12;
    }
    c += k.length;
    // the tail: bytes 0-3 into a, 4-7 into b, 8-10 into c shifted by one byte (its low byte holds
    // the length)
    for (int j = 0; j < left; j++) {
      int v = k[i + j] & 0xff;
      if (j < 4) {
        a += v << (8 * j);
      } else if (j < 8) {
        b += v << (8 * (j - 4));
      } else {
        c += v << (8 * (j - 7));
      }
    }
    return mix(a, b, c)[2];
  }

  private static int word(byte[] k, int i) {
    return (k[i] & 0xff)
        | (k[i + 1] & 0xff) << 8
        | (k[i + 2] & 0xff) << 16
        | (k[i + 3] & 0xff) << 24;
  }

  private static int[] mix(int a, int b, int c) {
    a -= b;
    a -= c;
    a ^= c >>> 13;
    b -= c;
    b -= a;
    b ^= a << 8;
    c -= a;
    c -= b;
    c ^= b >>> 13;
    a -= b;
    a -= c;
    a ^= c >>> 12;
    b -= c;
    b -= a;
    b ^= a << 16;
    c -= a;
    c -= b;
    c ^= b >>> 5;
    a -= b;
    a -= c;
    a ^= c >>> 3;
    b -= c;
    b -= a;
    b ^= a << 10;
    c -= a;
    c -= b;
    c ^= b >>> 15;
    return new int[] {a, b, c};
  }

  private static byte[] bytes(String name) {
    return name.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
  }
}
