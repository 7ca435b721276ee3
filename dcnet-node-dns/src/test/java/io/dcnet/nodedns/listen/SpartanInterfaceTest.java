package io.dcnet.nodedns.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Creates the dummy {@code spartan} link inside a throw-away network namespace (needs root). */
@Tag("root")
class SpartanInterfaceTest {
  private String namespace;

  @BeforeEach
  void createNamespace() throws IOException {
    namespace = "dcnt-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    IpCommand.addNamespace(namespace);
  }

  @AfterEach
  void deleteNamespace() throws IOException {
    IpCommand.deleteNamespace(namespace);
  }

  @Test
  void createsTheDummyLinkWithItsAddressesIdempotently() throws IOException {
    IpCommand ip = IpCommand.inNamespace(namespace);
    assertThat(ip.linkExists("spartan")).isFalse();
    SpartanInterface spartan = new SpartanInterface(ip);
    assertThat(spartan.ensure()).isTrue();
    assertThat(spartan.ensure()).isFalse();
    String addrs = ip.addresses("spartan");
    assertThat(addrs)
        .contains("198.51.100.1/32", "198.51.100.2/32", "198.51.100.3/32")
        .doesNotContain("198.51.100.4");
    assertThat(ip.run("link", "show", "dev", "spartan")).contains("UP");
    ip.deleteLink("spartan");
    assertThat(ip.linkExists("spartan")).isFalse();
  }

  @Test
  void failuresNameTheCommand() {
    IpCommand ip = IpCommand.inNamespace(namespace);
    assertThatThrownBy(() -> ip.setUp("nosuchlink"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ip -n " + namespace + " link set nosuchlink up: exit");
    assertThatThrownBy(() -> IpCommand.inNamespace("bad name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespace: bad name (expected:");
  }
}
