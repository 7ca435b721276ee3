package io.dcnet.mesos.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/** Test keys and IAM config files. Thread-safe: stateless. */
final class IamTestKeys {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IamTestKeys() {}

  static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  /** PKCS#8 PEM of a generated private key. */
  static String pkcs8Pem(java.security.PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** The committed PKCS#1 key (made once with {@code openssl genrsa -traditional 2048}). */
  static String pkcs1Pem() {
    try (InputStream in = IamTestKeys.class.getResourceAsStream("/iam/pkcs1-rsa2048.pem")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The public half of an RSA CRT private key. */
  static PublicKey publicOf(RSAPrivateCrtKey key) throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA")
        .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
  }

  /** Writes {@code {"uid", "private_key", "login_endpoint"}} to {@code dir/iam.json}. */
  static Path writeConfig(Path dir, String uid, String pem, URI endpoint) throws IOException {
    String json =
        JSON.createObjectNode()
            .put("scheme", "RS256")
            .put("uid", uid)
            .put("private_key", pem)
            .put("login_endpoint", endpoint.toString())
            .toString();
    Path file = dir.resolve("iam.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }
}
