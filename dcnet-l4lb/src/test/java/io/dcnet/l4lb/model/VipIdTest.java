package io.dcnet.l4lb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VipIdTest {
  @Test
  void textFormRoundTrips() {
    for (String t :
        new String[] {"tcp://11.0.0.1:80", "udp://[fd01:c::1]:53", "tcp://a.marathon:8"}) {
      assertThat(VipId.parse(t).text()).isEqualTo(t);
    }
  }

  @Test
  void ipHostsAreCanonicalAndNamesAreNamed() {
    VipId v6 = new VipId(Protocol.TCP, "FD01:C:0:0::1", 80);
    assertThat(v6.host()).isEqualTo("fd01:c::1");
    assertThat(v6.isNamed()).isFalse();
    assertThat(new VipId(Protocol.UDP, "myapp.marathon", 80).isNamed()).isTrue();
  }

  @Test
  void badInputNamesTheField() {
    assertThatThrownBy(() -> new VipId(Protocol.TCP, "a", 0)).hasMessageContaining("port: 0");
    assertThatThrownBy(() -> VipId.parse("sctp://a:1")).hasMessageContaining("protocol: sctp");
    assertThatThrownBy(() -> VipId.parse("a:1")).hasMessageContaining("expected: tcp|udp");
  }
}
