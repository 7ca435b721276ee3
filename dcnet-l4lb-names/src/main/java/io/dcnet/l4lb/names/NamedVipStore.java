package io.dcnet.l4lb.names;

import io.dcnet.l4lb.model.NamedVipAddress;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The authoritative map of named VIP → addresses. An address is never given to two names, and a
 * name keeps its addresses until {@link #release}d. Implementations must be thread-safe.
 *
 * <p>Allocation: when the name already has addresses they are returned unchanged; otherwise each
 * address is the first free one probing linearly (with wrap-around) from {@link NamedVipHash}'s
 * start point.
 */
public interface NamedVipStore {
  /** Sanitised VIP names as they appear in cluster state: letters, digits, {@code . _ -}. */
  Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,252}");

  /**
   * Returns the addresses of {@code name}, allocating them when it has none.
   *
   * @param withIpv6 also allocate an IPv6 address for a new name
   * @throws NamedVipExhaustedException when a range has no free address left
   * @throws NamedVipStoreException when the store cannot be reached or agree
   * @throws IllegalArgumentException when the name is not a valid VIP name
   */
  NamedVipAddress allocate(String name, boolean withIpv6);

  /** The addresses of {@code name}, if allocated. */
  Optional<NamedVipAddress> find(String name);

  /**
   * Frees the addresses of {@code name}.
   *
   * @return false when the name had none
   */
  boolean release(String name);

  /** Every allocation, by name (sorted). */
  Map<String, NamedVipAddress> all();

  /** The ranges this store allocates from. */
  NamedVipRanges ranges();

  /** Validates a VIP name; returns it unchanged. */
  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(
          "name: " + name + " (expected: 1-253 characters of [A-Za-z0-9._-], not starting with .)");
    }
    return name;
  }
}
