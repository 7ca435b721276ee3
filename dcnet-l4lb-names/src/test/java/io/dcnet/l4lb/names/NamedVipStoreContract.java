package io.dcnet.l4lb.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.model.NamedVipAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link NamedVipStore} must have. Subclasses give a fresh, empty store. */
abstract class NamedVipStoreContract {
  static final NamedVipRanges TEST_RANGES =
      NamedVipRanges.of("11.0.0.0", "11.0.0.254", "fd01:c::", "fd01:c::ffff:ffff:ffff:ffff");
  static final NamedVipRanges TINY_RANGES =
      NamedVipRanges.of("11.0.0.0", "11.0.0.3", "fd01:c::", "fd01:c::3");
  static final NamedVipRanges SMALL_V6_RANGES =
      NamedVipRanges.of("11.0.0.0", "11.0.0.254", "fd01:c::", "fd01:c::3");

  /** A new, empty store allocating from {@code ranges}. */
  abstract NamedVipStore newStore(NamedVipRanges ranges);

  @Test
  void freeStartPointIsTheUpstreamAddress() {
    NamedVipStore store = newStore(TEST_RANGES);
    assertThat(store.allocate("foo.bar", false))
        .isEqualTo(new NamedVipAddress("foo.bar", "11.0.0.37", null));
    assertThat(store.allocate("baz.qux", false).ipv4()).isEqualTo("11.0.0.39");
    assertThat(store.allocate("qux.ipv6", true).ipv6()).isEqualTo("fd01:c::6d6d:9c64:fd19:f251");
  }

  @Test
  void allocationIsStable() {
    NamedVipStore store = newStore(TEST_RANGES);
    NamedVipAddress first = store.allocate("myapp.marathon", true);
    assertThat(store.allocate("myapp.marathon", true)).isEqualTo(first);
    assertThat(store.allocate("myapp.marathon", false)).isEqualTo(first);
    assertThat(store.find("myapp.marathon")).contains(first);
    assertThat(store.all()).containsExactly(java.util.Map.entry("myapp.marathon", first));
  }

  @Test
  void ipv6OnlyWhenRequested() {
    NamedVipStore store = newStore(TEST_RANGES);
    assertThat(store.allocate("a.marathon", false).ipv6()).isNull();
    assertThat(store.allocate("b.marathon", true).ipv6()).startsWith("fd01:c::");
  }

  @Test
  void collidingNamesGetDistinctAddressesByLinearProbing() {
    NamedVipStore store = newStore(TEST_RANGES);
    List<String> same = SameStartNames.find(TEST_RANGES.ipv4(), 3, -1);
    String start = IpLiterals.format(NamedVipHash.ipv4Start(same.get(0), TEST_RANGES.ipv4()));
    Set<String> ips = new HashSet<>();
    for (String name : same) {
      ips.add(store.allocate(name, false).ipv4());
    }
    assertThat(ips).hasSize(3).contains(start);
    assertThat(store.find(same.get(0)).orElseThrow().ipv4()).isEqualTo(start);
  }

  @Test
  void probingWrapsAroundToTheRangeStart() {
    NamedVipStore store = newStore(TINY_RANGES);
    // span 3: start points are .0-.2; three names starting at .2 take .2, .3 and then wrap to .0
    List<String> same = SameStartNames.find(TINY_RANGES.ipv4(), 3, 2);
    assertThat(same.stream().map(n -> store.allocate(n, false).ipv4()).toList())
        .containsExactly("11.0.0.2", "11.0.0.3", "11.0.0.0");
  }

  @Test
  void fullRangeFailsWithAClearError() {
    NamedVipStore store = newStore(TINY_RANGES);
    for (int i = 0; i < 4; i++) {
      store.allocate("app" + i + ".marathon", false);
    }
    assertThat(store.all()).hasSize(4);
    assertThatThrownBy(() -> store.allocate("one-too-many.marathon", false))
        .isInstanceOf(NamedVipExhaustedException.class)
        .hasMessageContaining(
            "out of named VIP addresses in l4lb.min_named_ip..max_named_ip 11.0.0.0-11.0.0.3");
    assertThat(store.find("one-too-many.marathon")).isEmpty();
  }

  @Test
  void exhaustionTellsTheFullFamily() {
    NamedVipStore store = newStore(SMALL_V6_RANGES);
    for (int i = 0; i < 4; i++) {
      store.allocate("app" + i + ".marathon", true);
    }
    // IPv4 has room, IPv6 is full: nothing is allocated, the exception names IPv6
    assertThatExceptionOfType(NamedVipExhaustedException.class)
        .isThrownBy(() -> store.allocate("v6full.marathon", true))
        .satisfies(e -> assertThat(e.isIpv6()).isTrue())
        .satisfies(e -> assertThat(e.family()).isEqualTo("ipv6"))
        .satisfies(e -> assertThat(e.field()).isEqualTo(NamedVipRanges.IPV6_FIELD));
    assertThat(store.find("v6full.marathon")).isEmpty();
    // the caller can still get the IPv4 address
    NamedVipAddress v4only = store.allocate("v6full.marathon", false);
    assertThat(v4only.ipv4()).startsWith("11.0.0.");
    assertThat(v4only.ipv6()).isNull();
    assertThat(store.all()).hasSize(5);

    NamedVipStore tiny = newStore(TINY_RANGES);
    for (int i = 0; i < 4; i++) {
      tiny.allocate("app" + i + ".marathon", false);
    }
    // IPv4 full (IPv6 has room): IPv4 is checked first and named, with or without IPv6
    for (boolean withIpv6 : new boolean[] {false, true}) {
      assertThatExceptionOfType(NamedVipExhaustedException.class)
          .isThrownBy(() -> tiny.allocate("v4full.marathon", withIpv6))
          .satisfies(e -> assertThat(e.isIpv6()).isFalse())
          .satisfies(e -> assertThat(e.family()).isEqualTo("ipv4"))
          .satisfies(e -> assertThat(e.field()).isEqualTo(NamedVipRanges.IPV4_FIELD));
    }
    assertThat(tiny.find("v4full.marathon")).isEmpty();
  }

  @Test
  void releaseFreesTheAddressesForOthers() {
    NamedVipStore store = newStore(TINY_RANGES);
    for (int i = 0; i < 4; i++) {
      store.allocate("app" + i + ".marathon", true);
    }
    NamedVipAddress gone = store.find("app2.marathon").orElseThrow();
    assertThat(store.release("app2.marathon")).isTrue();
    assertThat(store.release("app2.marathon")).isFalse();
    assertThat(store.find("app2.marathon")).isEmpty();
    NamedVipAddress next = store.allocate("newcomer.marathon", true);
    assertThat(next.ipv4()).isEqualTo(gone.ipv4());
    assertThat(store.all()).hasSize(4);
  }

  @Test
  void ipv6IsAddedToAnExistingNameKeepingItsIpv4() {
    NamedVipStore store = newStore(TEST_RANGES);
    NamedVipAddress before = store.allocate("qux.ipv6", false);
    assertThat(before.ipv6()).isNull();
    NamedVipAddress after = store.allocate("qux.ipv6", true);
    // same start point as for a new name, IPv4 untouched
    assertThat(after)
        .isEqualTo(new NamedVipAddress("qux.ipv6", before.ipv4(), "fd01:c::6d6d:9c64:fd19:f251"));
    assertThat(store.find("qux.ipv6")).contains(after);
    assertThat(store.all()).containsEntry("qux.ipv6", after);
    assertThat(store.allocate("qux.ipv6", true)).isEqualTo(after);
    // IPv6 off again: the address is kept, not removed
    assertThat(store.allocate("qux.ipv6", false)).isEqualTo(after);
  }

  @Test
  void addedIpv6ProbesPastTakenAddresses() {
    NamedVipStore store = newStore(SMALL_V6_RANGES);
    List<String> same = SameStartNames.find(SMALL_V6_RANGES.ipv6(), 3, -1);
    String start = IpLiterals.format(NamedVipHash.ipv6Start(same.get(0), SMALL_V6_RANGES.ipv6()));
    NamedVipAddress first = store.allocate(same.get(0), true);
    assertThat(first.ipv6()).isEqualTo(start);
    Set<String> v6 = new HashSet<>(Set.of(first.ipv6()));
    for (String name : same.subList(1, 3)) {
      NamedVipAddress without = store.allocate(name, false);
      NamedVipAddress with = store.allocate(name, true);
      assertThat(with.ipv4()).isEqualTo(without.ipv4());
      v6.add(with.ipv6());
    }
    assertThat(v6).hasSize(3);
    assertThat(store.find(same.get(0))).contains(first);
  }

  @Test
  void addingIpv6ToAFullRangeFailsAndKeepsTheName() {
    NamedVipStore store = newStore(SMALL_V6_RANGES);
    for (int i = 0; i < 4; i++) {
      store.allocate("app" + i + ".marathon", true);
    }
    NamedVipAddress v4only = store.allocate("late.marathon", false);
    assertThatExceptionOfType(NamedVipExhaustedException.class)
        .isThrownBy(() -> store.allocate("late.marathon", true))
        .withMessageContaining("l4lb.min_named_ip6..max_named_ip6 fd01:c::-fd01:c::3")
        .satisfies(e -> assertThat(e.family()).isEqualTo("ipv6"));
    assertThat(store.find("late.marathon")).contains(v4only);
    store.release("app1.marathon");
    assertThat(store.allocate("late.marathon", true).ipv4()).isEqualTo(v4only.ipv4());
  }

  @Test
  void rejectsInvalidNames() {
    NamedVipStore store = newStore(TEST_RANGES);
    assertThatThrownBy(() -> store.allocate("a/b", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("name: a/b (expected: ");
    assertThatThrownBy(() -> store.allocate("", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.release("..")).isInstanceOf(IllegalArgumentException.class);
  }
}
