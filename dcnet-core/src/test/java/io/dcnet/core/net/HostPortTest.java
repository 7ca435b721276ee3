package io.dcnet.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void parsesIpv4AndBracketedIpv6() {
    assertThat(HostPort.parse("10.0.0.1:5050")).contains(new HostPort("10.0.0.1", 5050));
    assertThat(HostPort.parse("[2001:db8::1]:25501")).contains(new HostPort("2001:db8::1", 25501));
    assertThat(HostPort.parse("node1:5051")).contains(new HostPort("node1", 5051));
  }

  @Test
  void rejectsMissingOrBadPorts() {
    assertThat(HostPort.parse("10.0.0.1")).isEmpty();
    assertThat(HostPort.parse("10.0.0.1:")).isEmpty();
    assertThat(HostPort.parse("10.0.0.1:70000")).isEmpty();
    assertThat(HostPort.parse("10.0.0.1:-1")).isEmpty();
    assertThat(HostPort.parse("2001:db8::1")).isEmpty();
    assertThat(HostPort.parse("[2001:db8::1]")).isEmpty();
  }

  @Test
  void defaultPortAppliesToBareHostsAndLiterals() {
    assertThat(HostPort.parse("8.8.8.8", 53)).contains(new HostPort("8.8.8.8", 53));
    assertThat(HostPort.parse("::1", 53)).contains(new HostPort("::1", 53));
    assertThat(HostPort.parse("8.8.8.8:5353", 53)).contains(new HostPort("8.8.8.8", 5353));
  }

  @Test
  void literalsNeverResolve() {
    assertThat(IpLiterals.parse("localhost")).isEmpty();
    assertThat(IpLiterals.parse("1.2.3.4")).isPresent();
    assertThat(IpLiterals.parse("::ffff:1.2.3.4").map(IpLiterals::isV4)).contains(true);
    assertThat(IpLiterals.parse("2001:db8::1").map(IpLiterals::isV6)).contains(true);
    assertThat(IpLiterals.parse("1.2.3.4.5")).isEmpty();
  }
}
