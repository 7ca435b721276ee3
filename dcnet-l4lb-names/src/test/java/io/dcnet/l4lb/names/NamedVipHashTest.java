package io.dcnet.l4lb.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.net.IpLiterals;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NamedVipHashTest {
  private static final AddressRange TEST_V4 =
      AddressRange.parse("ipv4", "11.0.0.0", "11.0.0.254", false);
  private static final AddressRange DEFAULT_V6 = NamedVipRanges.defaults().ipv6();

  @Test
  void ipv4StartReproducesUpstreamTestValues() {
    // dcos_l4lb_lashup_vip_listener_SUITE values (spec 3.2)
    assertThat(IpLiterals.format(NamedVipHash.ipv4Start("foo.bar", TEST_V4)))
        .isEqualTo("11.0.0.37");
    assertThat(IpLiterals.format(NamedVipHash.ipv4Start("baz.qux", TEST_V4)))
        .isEqualTo("11.0.0.39");
  }

  @Test
  void ipv6StartReproducesUpstreamValue() {
    assertThat(IpLiterals.format(NamedVipHash.ipv6Start("qux.ipv6", DEFAULT_V6)))
        .isEqualTo("fd01:c::6d6d:9c64:fd19:f251");
  }

  @Test
  void phash2CoversLongBinariesAndStaysInRange() {
    byte[] longName = "a-rather-long-group.another-framework-name".getBytes(StandardCharsets.UTF_8);
    long h = NamedVipHash.phash2(longName, 1L << 32);
    assertThat(h).isBetween(0L, (1L << 32) - 1);
    assertThat(NamedVipHash.phash2(longName, 1000)).isEqualTo(h % 1000);
    assertThat(NamedVipHash.phash2(new byte[0], 7)).isBetween(0L, 6L);
    assertThat(NamedVipHash.phash2("foo.bar".getBytes(StandardCharsets.UTF_8), 1)).isZero();
  }

  @Test
  void startIsInsideTheDefaultRange() {
    AddressRange v4 = NamedVipRanges.defaults().ipv4();
    for (int i = 0; i < 200; i++) {
      assertThat(v4.contains(NamedVipHash.ipv4Start("app" + i + ".marathon", v4))).isTrue();
      assertThat(DEFAULT_V6.contains(NamedVipHash.ipv6Start("app" + i + ".marathon", DEFAULT_V6)))
          .isTrue();
    }
  }

  @Test
  void rejectsBadRange() {
    assertThatThrownBy(() -> NamedVipHash.phash2(new byte[1], 0))
        .hasMessage("range: 0 (expected: 1-2^32)");
  }
}
