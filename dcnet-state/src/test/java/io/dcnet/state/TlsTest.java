package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
  private final TestCluster cluster = new TestCluster();

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void certificateToolMakesNodeCertificatesWithTheClusterName(@TempDir Path dir) throws Exception {
    Path ca = dir.resolve("ca");
    CertificateTool.createCa(ca, "c42");
    TlsSettings tls = CertificateTool.createNode(ca, dir.resolve("n1"), "n1", List.of("127.0.0.1"));
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(tls.certFile())) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    List<Object> names = new java.util.ArrayList<>();
    for (List<?> san : cert.getSubjectAlternativeNames()) {
      names.add(san.get(1));
    }
    assertThat(names).contains("dcnet-c42", "n1", "127.0.0.1");
    assertThat(Files.readString(tls.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.exists(tls.caCertFile())).isTrue();
    assertThatThrownBy(() -> CertificateTool.createCa(ca, "c42"))
        .hasMessageContaining("expected: no existing");
    assertThatThrownBy(() -> CertificateTool.createNode(ca, dir, "n1", List.of("nope")))
        .hasMessage("ips: nope (expected: IPv4 or IPv6 literals)");
  }

  @Test
  void onlyNodesWithCertificatesOfTheClusterCaCanJoin(@TempDir Path dir) throws Exception {
    Path ca = dir.resolve("ca");
    Path rogueCa = dir.resolve("rogue-ca");
    CertificateTool.createCa(ca, TestCluster.CLUSTER);
    CertificateTool.createCa(rogueCa, TestCluster.CLUSTER);
    List<String> ips = List.of("127.0.0.1");
    TlsSettings m1Tls = CertificateTool.createNode(ca, dir.resolve("m1"), "m1", ips);
    TlsSettings a1Tls = CertificateTool.createNode(ca, dir.resolve("a1"), "a1", ips);
    TlsSettings roguesTls = CertificateTool.createNode(rogueCa, dir.resolve("x1"), "x1", ips);

    ClusterState m1 = cluster.start("m1", NodeRole.MASTER, 0, List.of(), null, b -> b.tls(m1Tls));
    TestCluster.awaitUp(m1);
    ClusterState rogue =
        cluster.start("x1", NodeRole.AGENT, 0, List.of(m1.address()), null, b -> b.tls(roguesTls));
    ClusterState a1 =
        cluster.start("a1", NodeRole.AGENT, 0, List.of(m1.address()), null, b -> b.tls(a1Tls));
    TestCluster.awaitUp(m1, a1);

    StateKey<String> key = StateKey.of("tls/check", String.class);
    a1.put(key, "over tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> "over tls".equals(m1.get(key).get("a1")));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !rogue.isUp() && m1.members().size() == 2);
  }
}
