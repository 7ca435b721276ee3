package io.dcnet.mesos.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamConfigTest {
  private static final URI LOGIN = URI.create("https://leader.mesos/acs/api/v1/auth/login");
  @TempDir Path dir;

  @Test
  void loadsAPkcs8Key() throws Exception {
    KeyPair kp = IamTestKeys.rsa();
    Path file =
        IamTestKeys.writeConfig(
            dir, "dcos_mesos_dns", IamTestKeys.pkcs8Pem(kp.getPrivate()), LOGIN);
    IamConfig c = IamConfig.load(file);
    assertThat(c.uid()).isEqualTo("dcos_mesos_dns");
    assertThat(c.loginEndpoint()).isEqualTo(LOGIN);
    assertThat(c.privateKey().getEncoded()).isEqualTo(kp.getPrivate().getEncoded());
    assertThat(c.toString()).contains("dcos_mesos_dns").doesNotContain("MII").contains("****");
  }

  @Test
  void loadsAPkcs1KeyByWrappingItInPkcs8() throws Exception {
    Path file = IamTestKeys.writeConfig(dir, "svc", IamTestKeys.pkcs1Pem(), LOGIN);
    IamConfig c = IamConfig.load(file);
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) c.privateKey();
    assertThat(key.getModulus().bitLength()).isEqualTo(2048);
    // the key is usable: a signature verifies with the public half
    var sig = java.security.Signature.getInstance("SHA256withRSA");
    sig.initSign(key);
    sig.update(new byte[] {1, 2, 3});
    byte[] s = sig.sign();
    sig.initVerify(IamTestKeys.publicOf(key));
    sig.update(new byte[] {1, 2, 3});
    assertThat(sig.verify(s)).isTrue();
  }

  @Test
  void wrapsShortAndLongDerLengths() {
    byte[] shortBody = new byte[10]; // 3 + 15 + (2 + 10) = 30
    assertThat(RsaPemKeys.wrapPkcs1(shortBody)).startsWith(0x30, 0x1e, 0x02, 0x01, 0x00);
    byte[] longBody = new byte[300];
    byte[] wrapped = RsaPemKeys.wrapPkcs1(longBody);
    // 3 + 15 + (1 + 3 + 300) = 322 = 0x0142 after the outer 30 82 01 42
    assertThat(wrapped).startsWith(0x30, (byte) 0x82, 0x01, 0x42);
    assertThat(wrapped.length).isEqualTo(4 + 322);
  }

  @Test
  void missingFieldsAreNamed() throws Exception {
    assertThatThrownBy(() -> load("{\"private_key\":\"x\",\"login_endpoint\":\"http://a/\"}"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("IAMConfigFile: uid: missing (expected: a service account id)");
    assertThatThrownBy(() -> load("{\"uid\":\"u\",\"login_endpoint\":\"http://a/\"}"))
        .hasMessageStartingWith(
            "IAMConfigFile: private_key: missing (expected: a PEM RSA private key)");
    String pem = IamTestKeys.pkcs8Pem(IamTestKeys.rsa().getPrivate());
    assertThatThrownBy(() -> load(json("u", pem, null)))
        .hasMessageStartingWith(
            "IAMConfigFile: login_endpoint: missing (expected: an http(s) URL)");
    assertThatThrownBy(() -> load("{\"uid\": 7, \"private_key\": \"x\"}"))
        .hasMessageStartingWith("IAMConfigFile: uid: 7 (expected: a service account id)");
  }

  @Test
  void badEndpointsAreRejected() throws Exception {
    String pem = IamTestKeys.pkcs8Pem(IamTestKeys.rsa().getPrivate());
    for (String bad : new String[] {"ftp://leader/login", "leader.mesos/login", "http://"}) {
      assertThatThrownBy(() -> load(json("u", pem, bad)))
          .as(bad)
          .hasMessageStartingWith(
              "IAMConfigFile: login_endpoint: '" + bad + "' (expected: an http(s) URL");
    }
  }

  @Test
  void badKeysAreRejected() throws Exception {
    assertThatThrownBy(() -> load(json("u", "not a key", "http://a/")))
        .hasMessageStartingWith(
            "IAMConfigFile: private_key: no PEM key (expected: '-----BEGIN PRIVATE KEY-----' or"
                + " '-----BEGIN RSA PRIVATE KEY-----')");
    assertThatThrownBy(
            () ->
                load(
                    json(
                        "u",
                        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                        "http://a/")))
        .hasMessageStartingWith("IAMConfigFile: private_key: not a readable RSA key");
    assertThatThrownBy(
            () ->
                load(
                    json(
                        "u",
                        "-----BEGIN PRIVATE KEY-----\n!!\n-----END PRIVATE KEY-----",
                        "http://a/")))
        .hasMessageStartingWith("IAMConfigFile: private_key: bad base64 (expected: PEM)");
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    String ecPem = IamTestKeys.pkcs8Pem(ec.generateKeyPair().getPrivate());
    assertThatThrownBy(() -> load(json("u", ecPem, "http://a/")))
        .hasMessageStartingWith(
            "IAMConfigFile: private_key: not a readable RSA key (expected: an RSA key for RS256)");
    assertThatThrownBy(
            () ->
                load(
                    json(
                        "u",
                        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----",
                        "http://a/")))
        .hasMessageStartingWith("IAMConfigFile: private_key: encrypted keys are not supported");
  }

  @Test
  void badFilesAreReported() throws Exception {
    assertThatThrownBy(() -> IamConfig.load(dir.resolve("nope.json")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("IAMConfigFile: " + dir.resolve("nope.json") + ": cannot read");
    assertThatThrownBy(() -> load("{not json"))
        .hasMessageStartingWith("IAMConfigFile: not valid JSON (expected: an object with uid");
    assertThatThrownBy(() -> load("[1]"))
        .hasMessageStartingWith("IAMConfigFile: not a JSON object")
        .hasMessageEndingWith(" in " + dir.resolve("iam.json"));
  }

  private IamConfig load(String text) throws IOException {
    Path file = dir.resolve("iam.json");
    Files.writeString(file, text);
    return IamConfig.load(file);
  }

  private static String json(String uid, String pem, String endpoint) {
    var node = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    node.put("uid", uid).put("private_key", pem);
    if (endpoint != null) {
      node.put("login_endpoint", endpoint);
    }
    return node.toString();
  }
}
