package io.dcnet.l4lb.names;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link NamedVipController}. Immutable.
 *
 * @param ipv6Enabled also allocate an IPv6 address for new names and add one to allocated names
 *     that have none; when false, existing IPv6 addresses are kept but none are allocated
 * @param grace how long a name without backends keeps its addresses (default 10 min)
 * @param tick period of the re-check (retries, grace expiry; default 5 s)
 * @param settle after gaining the role, how long to wait before removing published names or
 *     starting grace timers, so the VIP buckets have replicated first (default 10 s)
 */
public record NamedVipSettings(
    boolean ipv6Enabled, Duration grace, Duration tick, Duration settle) {
  public NamedVipSettings {
    nonNegative("l4lb.namedVipGrace", grace);
    nonNegative("l4lb.namedVipSettle", settle);
    Objects.requireNonNull(tick, "tick");
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException(
          "l4lb.namedVipTick: " + tick + " (expected: a positive duration)");
    }
  }

  private static void nonNegative(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative()) {
      throw new IllegalArgumentException(field + ": " + d + " (expected: >= 0)");
    }
  }

  /** IPv6 off, grace 10 min, tick 5 s, settle 10 s. */
  public static NamedVipSettings defaults() {
    return new NamedVipSettings(
        false, Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  public NamedVipSettings withIpv6(boolean enabled) {
    return new NamedVipSettings(enabled, grace, tick, settle);
  }

  public NamedVipSettings withGrace(Duration d) {
    return new NamedVipSettings(ipv6Enabled, d, tick, settle);
  }

  public NamedVipSettings withTick(Duration d) {
    return new NamedVipSettings(ipv6Enabled, grace, d, settle);
  }

  public NamedVipSettings withSettle(Duration d) {
    return new NamedVipSettings(ipv6Enabled, grace, tick, d);
  }
}
