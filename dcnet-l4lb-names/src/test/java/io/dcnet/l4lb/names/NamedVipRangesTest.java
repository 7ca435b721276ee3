package io.dcnet.l4lb.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class NamedVipRangesTest {
  @Test
  void defaults() {
    NamedVipRanges r = NamedVipRanges.defaults();
    assertThat(r.ipv4().text()).isEqualTo("11.0.0.0-11.255.255.254");
    assertThat(r.ipv6().text()).isEqualTo("fd01:c::-fd01:c::ffff:ffff:ffff:ffff");
    assertThat(r.ipv4().size()).isEqualTo(BigInteger.valueOf(16_777_215));
  }

  @Test
  void rejectsMinNotBelowMax() {
    assertThatThrownBy(() -> NamedVipRanges.of("11.0.0.9", "11.0.0.1", "fd01:c::", "fd01:c::1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("l4lb.min_named_ip..max_named_ip: 11.0.0.9-11.0.0.1 (expected: min < max)");
  }

  @Test
  void rejectsWrongFamilyAndGarbage() {
    assertThatThrownBy(() -> NamedVipRanges.of("fd01::", "11.0.0.1", "fd01:c::", "fd01:c::1"))
        .hasMessage("l4lb.min_named_ip: fd01:: (expected: an IPv4 address)");
    assertThatThrownBy(() -> NamedVipRanges.of("11.0.0.0", "11.0.0.1", "fd01:c::", "12.0.0.1"))
        .hasMessage("l4lb.max_named_ip6: 12.0.0.1 (expected: an IPv6 address)");
    assertThatThrownBy(() -> NamedVipRanges.of("eleven", "11.0.0.1", "fd01:c::", "fd01:c::1"))
        .hasMessage("l4lb.min_named_ip: eleven (expected: an IPv4 address)");
  }

  @Test
  void addressArithmetic() {
    AddressRange r = AddressRange.parse("f", "fd01:c::", "fd01:c::ffff:ffff:ffff:ffff", true);
    assertThat(r.at(BigInteger.ONE).getHostAddress()).isEqualTo("fd01:c:0:0:0:0:0:1");
    assertThat(r.contains(r.max())).isTrue();
    assertThatThrownBy(() -> r.at(r.size())).hasMessageStartingWith("offset: ");
  }

  @Test
  void settingsValidation() {
    assertThatThrownBy(() -> NamedVipSettings.defaults().withTick(java.time.Duration.ZERO))
        .hasMessage("l4lb.namedVipTick: PT0S (expected: a positive duration)");
    assertThatThrownBy(
            () -> NamedVipSettings.defaults().withGrace(java.time.Duration.ofSeconds(-1)))
        .hasMessage("l4lb.namedVipGrace: PT-1S (expected: >= 0)");
  }
}
