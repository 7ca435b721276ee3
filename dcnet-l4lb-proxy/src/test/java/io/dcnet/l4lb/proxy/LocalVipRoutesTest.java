package io.dcnet.l4lb.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.process.CommandRunner;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Local VIP routes inside a network namespace this test creates and deletes. Needs root. */
@Tag("root")
class LocalVipRoutesTest {
  private final String ns =
      "dcnet-t-lvr" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
  private final CommandRunner host = CommandRunner.host();
  private CommandRunner inNs;

  @BeforeEach
  void createNamespace() throws IOException {
    host.run("ip", "netns", "add", ns);
    inNs = CommandRunner.inNamespace(ns);
    inNs.run("ip", "link", "set", "lo", "up");
  }

  @AfterEach
  void deleteNamespace() throws IOException {
    host.run("ip", "netns", "del", ns);
  }

  @Test
  void addsAndRemovesLocalRoutesForBothFamilies() throws IOException {
    LocalVipRoutes routes = new LocalVipRoutes(inNs);
    assertThat(routes.isPresent("11.0.0.0/8")).isFalse();
    routes.add("11.0.0.0/8");
    routes.add("11.0.0.0/8");
    routes.add("fd01:c::/64");
    assertThat(routes.isPresent("11.0.0.0/8")).isTrue();
    assertThat(routes.isPresent("fd01:c::/64")).isTrue();
    assertThat(inNs.run("ip", "route", "get", "11.1.2.3")).startsWith("local 11.1.2.3");
    assertThat(inNs.run("ip", "-6", "route", "get", "fd01:c::5")).startsWith("local fd01:c::5");

    routes.remove("11.0.0.0/8");
    routes.remove("11.0.0.0/8");
    routes.remove("fd01:c::/64");
    assertThat(routes.isPresent("11.0.0.0/8")).isFalse();
    assertThat(routes.isPresent("fd01:c::/64")).isFalse();
    assertThat(inNs.run("ip", "route", "show", "table", "local", "type", "local", "dev", "lo"))
        .doesNotContain("11.0.0.0");
  }

  @Test
  void rejectsMalformedRanges() {
    LocalVipRoutes routes = new LocalVipRoutes(inNs);
    assertThatThrownBy(() -> routes.add("11.0.0.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("range: 11.0.0.0 (expected:");
    assertThatThrownBy(() -> routes.add("11.0.0.0/33")).hasMessageContaining("prefix length 1-32");
    assertThatThrownBy(() -> routes.add("vip.example/8")).hasMessageContaining("range:");
  }
}
