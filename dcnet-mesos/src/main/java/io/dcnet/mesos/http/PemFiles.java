package io.dcnet.mesos.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM certificates and PKCS#8 private keys with the JDK only.
 *
 * <p>Thread-safe: stateless.
 */
final class PemFiles {
  private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String KEY_END = "-----END PRIVATE KEY-----";

  private PemFiles() {}

  /** All certificates in a PEM file, in file order; fails if there are none. */
  static List<X509Certificate> readCertificates(String field, Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certs = new ArrayList<>();
      for (var c : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
        certs.add((X509Certificate) c);
      }
      if (certs.isEmpty()) {
        throw new IOException(field + ": " + file + " has no certificate (expected: PEM)");
      }
      return certs;
    } catch (CertificateException e) {
      throw new IOException(
          field + ": " + file + " is not readable (expected: PEM certificates): " + e.getMessage(),
          e);
    }
  }

  /** The PKCS#8 ({@code BEGIN PRIVATE KEY}) key in a PEM file; RSA, EC and Ed25519 are tried. */
  static PrivateKey readPrivateKey(String field, Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = text.indexOf(KEY_BEGIN);
    int end = text.indexOf(KEY_END);
    if (begin < 0 || end < begin) {
      String hint =
          text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")
              ? " (convert with: openssl pkcs8 -topk8 -nocrypt)"
              : "";
      throw new IOException(
          field
              + ": "
              + file
              + " has no unencrypted PKCS#8 key (expected: '"
              + KEY_BEGIN
              + "')"
              + hint);
    }
    String body = text.substring(begin + KEY_BEGIN.length(), end).replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IOException(field + ": " + file + " has bad base64 (expected: PEM)", e);
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IOException(field + ": " + file + " holds no RSA, EC or Ed25519 PKCS#8 key");
  }
}
