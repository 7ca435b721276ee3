package io.dcnet.mesosdns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.net.IpLiterals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvConfTest {
  @TempDir Path dir;

  @Test
  void nonLocalIpNameserversInOrder() throws Exception {
    Path f = dir.resolve("resolv.conf");
    Files.writeString(
        f,
        "# comment\nsearch example.com\nnameserver 10.0.0.2\nnameserver 192.0.2.53\n"
            + "nameserver   2001:db8::53\nnameserver bogus\nnameserver 10.0.0.2\noptions ndots:2\n");
    Set<java.net.InetAddress> local = Set.of(IpLiterals.parse("10.0.0.2").orElseThrow());
    assertThat(ResolvConf.nameservers(f, local)).containsExactly("192.0.2.53", "2001:db8::53");
  }

  @Test
  void unreadableFileIsAConfigError() {
    assertThatThrownBy(() -> ResolvConf.nameservers(dir.resolve("missing"), Set.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("resolvers: []");
  }

  @Test
  void localAddressesIncludeLoopback() throws Exception {
    assertThat(ResolvConf.localAddresses()).anyMatch(java.net.InetAddress::isLoopbackAddress);
    Path f = dir.resolve("resolv.conf");
    Files.writeString(f, "nameserver 127.0.0.1\nnameserver 192.0.2.1\n");
    assertThat(ResolvConf.nameservers(f)).containsExactly("192.0.2.1");
  }
}
