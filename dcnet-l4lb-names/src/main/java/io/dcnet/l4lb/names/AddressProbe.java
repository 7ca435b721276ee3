package io.dcnet.l4lb.names;

import io.dcnet.core.net.IpLiterals;
import java.math.BigInteger;
import java.util.Set;

/**
 * Linear probing with wrap-around from a name's start point. Thread-safe: stateless.
 *
 * <p>Bounded: when {@code used} holds at least as many addresses as the range, the range is full;
 * otherwise a free address is found within {@code used.size() + 1} steps.
 */
final class AddressProbe {
  private AddressProbe() {}

  /**
   * The first address from {@code name}'s start point not in {@code used} (canonical texts).
   *
   * @throws NamedVipExhaustedException when every address of the range is used
   */
  static String firstFree(String name, AddressRange range, Set<String> used) {
    BigInteger size = range.size();
    long inRange = used.stream().filter(ip -> inRange(range, ip)).count();
    if (BigInteger.valueOf(inRange).compareTo(size) >= 0) {
      throw new NamedVipExhaustedException(name, range);
    }
    BigInteger offset =
        AddressRange.toInt(NamedVipHash.start(name, range))
            .subtract(AddressRange.toInt(range.min()));
    for (long step = 0; step <= inRange; step++) {
      String ip = IpLiterals.format(range.at(offset));
      if (!used.contains(ip)) {
        return ip;
      }
      offset = offset.add(BigInteger.ONE);
      if (offset.compareTo(size) >= 0) {
        offset = BigInteger.ZERO;
      }
    }
    throw new NamedVipExhaustedException(name, range);
  }

  private static boolean inRange(AddressRange range, String ip) {
    return IpLiterals.parse(ip).map(range::contains).orElse(false);
  }
}
