package io.dcnet.l4lb.names;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.model.NamedVipAddress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The meters as {@link NameAllocations} drives them, called directly on the test thread (so every
 * value is exact), with 4 IPv4 and 2 IPv6 addresses.
 */
class NamedVipMetricsTest {
  private static final NamedVipRanges RANGES =
      NamedVipRanges.of("11.0.0.0", "11.0.0.3", "fd01:c::", "fd01:c::1");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final NamedVipMetrics metrics = new NamedVipMetrics(registry);
  private final InMemoryNamedVipStore store = new InMemoryNamedVipStore(RANGES);
  private final AtomicLong errors = new AtomicLong();
  private final NameAllocations names = new NameAllocations(store, true, errors, metrics);

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private double free(String family) {
    return registry.get(NamedVipMetrics.FREE).tag("family", family).gauge().value();
  }

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  private double failures(String reason) {
    return registry.get(NamedVipMetrics.FAILURES).tag("reason", reason).counter().count();
  }

  /** One controller pass without the cluster state: allocate, then add missing IPv6 (sorted). */
  private void pass(Set<String> unsorted) {
    Set<String> wanted = new TreeSet<>(unsorted);
    assertThat(names.allocateMissing(wanted)).isNull();
    assertThat(names.addMissingIpv6(wanted)).isNull();
  }

  @Test
  void metersFollowAllocationsReleasesAndFullRanges() {
    assertThat(gauge(NamedVipMetrics.LEADER)).isZero();
    assertThat(gauge(NamedVipMetrics.ALLOCATED)).isZero();
    assertThat(free("ipv4")).isNaN();
    assertThat(free("ipv6")).isNaN();

    names.reload();
    assertThat(gauge(NamedVipMetrics.LEADER)).isEqualTo(1.0);
    assertThat(free("ipv4")).isEqualTo(4.0);
    assertThat(free("ipv6")).isEqualTo(2.0);

    pass(Set.of("a.marathon", "b.marathon"));
    assertThat(counter(NamedVipMetrics.ALLOCATIONS)).isEqualTo(2.0);
    assertThat(gauge(NamedVipMetrics.ALLOCATED)).isEqualTo(2.0);
    assertThat(free("ipv4")).isEqualTo(2.0);
    assertThat(free("ipv6")).isZero();

    // IPv6 full: c gets IPv4 only, one exhausted failure in this pass (IPv6 waits for the next)
    Set<String> abc = Set.of("a.marathon", "b.marathon", "c.marathon");
    pass(abc);
    NamedVipAddress c = names.get("c.marathon");
    assertThat(c.ipv4()).startsWith("11.0.0.");
    assertThat(c.ipv6()).isNull();
    assertThat(counter(NamedVipMetrics.ALLOCATIONS)).isEqualTo(3.0);
    assertThat(failures("exhausted")).isEqualTo(1.0);
    assertThat(errors.get()).isEqualTo(1);
    assertThat(free("ipv4")).isEqualTo(1.0);
    pass(abc); // IPv6 retried: still full
    assertThat(failures("exhausted")).isEqualTo(2.0);

    NamedVipAddress a = names.release("a.marathon");
    assertThat(counter(NamedVipMetrics.RELEASES)).isEqualTo(1.0);
    assertThat(gauge(NamedVipMetrics.ALLOCATED)).isEqualTo(2.0);
    assertThat(free("ipv4")).isEqualTo(2.0);
    assertThat(free("ipv6")).isEqualTo(1.0);
    pass(Set.of("b.marathon", "c.marathon"));
    assertThat(names.get("c.marathon"))
        .isEqualTo(new NamedVipAddress("c.marathon", c.ipv4(), a.ipv6()));
    assertThat(counter(NamedVipMetrics.IPV6_ADDED)).isEqualTo(1.0);
    assertThat(free("ipv6")).isZero();
    assertThat(failures("exhausted")).isEqualTo(2.0);

    // d and e take the last IPv4 addresses (without IPv6); f finds IPv4 full and gets nothing
    pass(Set.of("d.marathon", "e.marathon", "f.marathon", "bad/name"));
    assertThat(names.get("d.marathon").ipv6()).isNull();
    assertThat(names.get("e.marathon").ipv6()).isNull();
    assertThat(names.get("f.marathon")).isNull();
    assertThat(store.find("f.marathon")).isEmpty();
    assertThat(failures("exhausted")).isEqualTo(5.0);
    assertThat(failures("invalid")).isEqualTo(1.0);
    assertThat(failures("store")).isZero();
    assertThat(counter(NamedVipMetrics.ALLOCATIONS)).isEqualTo(5.0);
    assertThat(gauge(NamedVipMetrics.ALLOCATED)).isEqualTo(4.0);
    assertThat(free("ipv4")).isZero();

    names.clear(); // role lost
    assertThat(gauge(NamedVipMetrics.LEADER)).isZero();
    assertThat(gauge(NamedVipMetrics.ALLOCATED)).isZero();
    assertThat(free("ipv6")).isNaN();
    names.reload(); // role regained: counted from the store
    assertThat(gauge(NamedVipMetrics.ALLOCATED)).isEqualTo(4.0);
    assertThat(free("ipv4")).isZero();
    assertThat(free("ipv6")).isZero();

    metrics.close();
    assertThat(registry.find(NamedVipMetrics.LEADER).gauge()).isNull();
    assertThat(registry.find(NamedVipMetrics.FREE).gauges()).isEmpty();
    assertThat(registry.find(NamedVipMetrics.ALLOCATIONS).counter()).isNotNull();
  }

  @Test
  void ipv6FreeIsTheWholeDefaultRangeAsADouble() {
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    NamedVipMetrics m = new NamedVipMetrics(r);
    m.counts(NamedVipMetrics.Counts.of(NamedVipRanges.defaults(), 1, 1, 1));
    assertThat(r.get(NamedVipMetrics.FREE).tag("family", "ipv4").gauge().value())
        .isEqualTo(16_777_215.0 - 1);
    assertThat(r.get(NamedVipMetrics.FREE).tag("family", "ipv6").gauge().value())
        .isEqualTo(Math.pow(2, 64));
  }
}
