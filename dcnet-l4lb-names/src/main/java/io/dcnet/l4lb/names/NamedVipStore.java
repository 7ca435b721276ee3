package io.dcnet.l4lb.names;

import io.dcnet.l4lb.model.NamedVipAddress;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The authoritative map of named VIP → addresses. An address is never given to two names, and a
 * name keeps its addresses until {@link #release}d. Implementations must be thread-safe.
 *
 * <p>Allocation: each new address is the first free one probing linearly (with wrap-around) from
 * {@link NamedVipHash}'s start point. An address once given to a name is never changed while the
 * name exists; only {@link #release} removes it.
 *
 * <p>Adding IPv6 later (IPv6 enabled on a running cluster): {@link #allocate allocate(name, true)}
 * on a name that has an IPv4 address but no IPv6 address adds one, atomically and with the same
 * uniqueness guarantee and probing as for a new name, keeps the IPv4 address and returns the
 * updated addresses. {@code allocate(name, false)} never removes an IPv6 address (turning IPv6 off
 * keeps existing reservations). This keeps the interface at one idempotent "make sure the name has
 * these addresses" call, rather than a separate {@code addIpv6} method.
 */
public interface NamedVipStore {
  /** Sanitised VIP names as they appear in cluster state: letters, digits, {@code . _ -}. */
  Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,252}");

  /**
   * Returns the addresses of {@code name}, allocating an IPv4 address when it has none and, when
   * {@code withIpv6}, an IPv6 address when it has none (also for a name that already exists; its
   * IPv4 address stays). Existing addresses are returned unchanged.
   *
   * @param withIpv6 make sure the name also has an IPv6 address
   * @throws NamedVipExhaustedException when a range has no free address left; nothing is then
   *     allocated or changed. For a new name the IPv4 range is checked first, so {@link
   *     NamedVipExhaustedException#isIpv6()} is true only when IPv4 had room and IPv6 did not (the
   *     caller may then allocate with {@code withIpv6 = false} and add IPv6 later)
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
