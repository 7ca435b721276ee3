package io.dcnet.l4lb.names;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The named-VIP allocator's meters (Prometheus names in brackets):
 *
 * <ul>
 *   <li>gauge {@code names.leader} ({@code names_leader}): 1 while this master acts as the
 *       allocator (holds the role and has loaded the store), else 0;
 *   <li>gauge {@code names.allocated} ({@code names_allocated}): names with addresses in the store
 *       (names in their grace period included) as this allocator last saw them; 0 when not the
 *       allocator;
 *   <li>gauge {@code names.free} tagged {@code family=ipv4|ipv6} ({@code names_free}): range size
 *       minus the addresses in use inside it, a double (exact up to 2^53, so approximate for the
 *       default IPv6 /64); NaN when not the allocator (unknown there);
 *   <li>counters {@code names.allocations} ({@code names_allocations_total}): new names allocated;
 *       {@code names.ipv6.added}: IPv6 addresses added to existing names; {@code names.releases}:
 *       names released after their grace period;
 *   <li>counter {@code names.failures} tagged {@code reason} ({@code names_failures_total}): {@code
 *       exhausted} (a range full, per name and pass), {@code invalid} (a name the store refuses,
 *       per name and pass), {@code store} (the store could not be reached or agree, per failed
 *       pass).
 * </ul>
 *
 * <p>Thread-safe: the controller thread publishes an immutable {@link Counts} through an atomic
 * reference that the gauges read from the scraping thread; counters are thread-safe.
 */
final class NamedVipMetrics implements AutoCloseable {
  static final String LEADER = "names.leader";
  static final String ALLOCATED = "names.allocated";
  static final String FREE = "names.free";
  static final String ALLOCATIONS = "names.allocations";
  static final String IPV6_ADDED = "names.ipv6.added";
  static final String RELEASES = "names.releases";
  static final String FAILURES = "names.failures";

  /** Failure reasons (tag {@code reason}). */
  enum Reason {
    EXHAUSTED,
    INVALID,
    STORE;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What the gauges show. Immutable.
   *
   * @param leader whether this master acts as the allocator
   * @param names allocated names
   * @param freeIpv4 free IPv4 addresses (NaN when not the allocator)
   * @param freeIpv6 free IPv6 addresses (NaN when not the allocator)
   */
  record Counts(boolean leader, int names, double freeIpv4, double freeIpv6) {
    static final Counts NOT_LEADER = new Counts(false, 0, Double.NaN, Double.NaN);

    /** The counts of an allocator holding {@code names} names using the given addresses. */
    static Counts of(NamedVipRanges ranges, int names, long usedIpv4, long usedIpv6) {
      return new Counts(true, names, free(ranges.ipv4(), usedIpv4), free(ranges.ipv6(), usedIpv6));
    }

    private static double free(AddressRange range, long used) {
      return range.size().subtract(BigInteger.valueOf(used)).max(BigInteger.ZERO).doubleValue();
    }
  }

  private final MeterRegistry registry;
  private final AtomicReference<Counts> counts = new AtomicReference<>(Counts.NOT_LEADER);
  private final List<Meter> gauges = new ArrayList<>();
  private final Counter allocations;
  private final Counter ipv6Added;
  private final Counter releases;
  private final Counter[] failures = new Counter[Reason.values().length];

  NamedVipMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    gauge(LEADER, "1 while this master is the named VIP allocator", null, c -> c.leader() ? 1 : 0);
    gauge(ALLOCATED, "allocated named VIPs (0 when not the allocator)", null, c -> c.names());
    gauge(FREE, "free named VIP addresses (NaN when not the allocator)", "ipv4", Counts::freeIpv4);
    gauge(FREE, "free named VIP addresses (NaN when not the allocator)", "ipv6", Counts::freeIpv6);
    allocations = counter(ALLOCATIONS, "named VIPs allocated", null);
    ipv6Added = counter(IPV6_ADDED, "IPv6 addresses added to allocated named VIPs", null);
    releases = counter(RELEASES, "named VIPs released after their grace period", null);
    for (Reason r : Reason.values()) {
      failures[r.ordinal()] = counter(FAILURES, "failed named VIP allocations and passes", r);
    }
  }

  private void gauge(String name, String help, String family, ToDoubleFunction<Counts> f) {
    Gauge.Builder<AtomicReference<Counts>> b =
        Gauge.builder(name, counts, r -> f.applyAsDouble(r.get())).description(help);
    if (family != null) {
      b.tag("family", family);
    }
    gauges.add(b.register(registry));
  }

  private Counter counter(String name, String help, Reason reason) {
    Counter.Builder b = Counter.builder(name).description(help);
    if (reason != null) {
      b.tag("reason", reason.tag());
    }
    return b.register(registry);
  }

  /** Publishes what the gauges show (any thread). */
  void counts(Counts c) {
    counts.set(Objects.requireNonNull(c, "counts"));
  }

  /** What the gauges show now. */
  Counts counts() {
    return counts.get();
  }

  void allocated() {
    allocations.increment();
  }

  void ipv6Added() {
    ipv6Added.increment();
  }

  void released() {
    releases.increment();
  }

  void failed(Reason reason) {
    failures[reason.ordinal()].increment();
  }

  /**
   * Removes the gauges from the registry (their holder dies with the controller; a later controller
   * registers its own). Counters stay, so they keep counting across restarts.
   */
  @Override
  public void close() {
    counts.set(Counts.NOT_LEADER);
    gauges.forEach(registry::remove);
  }
}
