package io.dcnet.l4lb.names;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds names that hash to the same start point (test helper; bounded search). */
final class SameStartNames {
  private SameStartNames() {}

  /** {@code count} names with the same start in {@code range}; with {@code offset} when >= 0. */
  static List<String> find(AddressRange range, int count, long offset) {
    Map<InetAddress, List<String>> byStart = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      String name = "app" + i + ".marathon";
      InetAddress start = NamedVipHash.start(name, range);
      if (offset >= 0 && !start.equals(range.at(java.math.BigInteger.valueOf(offset)))) {
        continue;
      }
      List<String> group = byStart.computeIfAbsent(start, k -> new ArrayList<>());
      group.add(name);
      if (group.size() == count) {
        return group;
      }
    }
    throw new AssertionError("no " + count + " names with the same start in " + range);
  }
}
