package io.dcnet.mesos.iam;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Parses an unencrypted RSA private key from PEM text: PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, wrapped into a PKCS#8 structure here), JDK only.
 *
 * <p>Thread-safe: stateless.
 */
final class RsaPemKeys {
  private static final String PKCS8 = "PRIVATE KEY";
  private static final String PKCS1 = "RSA PRIVATE KEY";

  /** DER of the PKCS#8 header fields: version 0 and AlgorithmIdentifier rsaEncryption, NULL. */
  private static final byte[] VERSION_AND_RSA_ALGORITHM = {
    0x02,
    0x01,
    0x00, // INTEGER 0
    0x30,
    0x0d, // SEQUENCE
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01, // OID
    0x05,
    0x00 // NULL
  };

  private RsaPemKeys() {}

  /**
   * The RSA key in {@code pem}.
   *
   * @throws IllegalArgumentException with a message starting with the problem (no field name)
   */
  static RSAPrivateKey parse(String pem) {
    byte[] der;
    if (pem.contains(begin(PKCS1))) {
      der = wrapPkcs1(decode(pem, PKCS1));
    } else if (pem.contains(begin(PKCS8))) {
      der = decode(pem, PKCS8);
    } else if (pem.contains("ENCRYPTED PRIVATE KEY") || pem.contains("Proc-Type: 4,ENCRYPTED")) {
      throw new IllegalArgumentException(
          "encrypted keys are not supported (expected: an unencrypted RSA key)");
    } else {
      throw new IllegalArgumentException(
          "no PEM key (expected: '" + begin(PKCS8) + "' or '" + begin(PKCS1) + "')");
    }
    try {
      if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der))
          instanceof RSAPrivateKey rsa) {
        return rsa;
      }
    } catch (GeneralSecurityException e) {
      // reported below
    }
    throw new IllegalArgumentException("not a readable RSA key (expected: an RSA key for RS256)");
  }

  private static String begin(String label) {
    return "-----BEGIN " + label + "-----";
  }

  private static byte[] decode(String pem, String label) {
    int start = pem.indexOf(begin(label)) + begin(label).length();
    int end = pem.indexOf("-----END " + label + "-----", start);
    if (end < 0) {
      throw new IllegalArgumentException("no '-----END " + label + "-----' line (expected: PEM)");
    }
    String body = pem.substring(start, end).replaceAll("\\s", "");
    if (body.contains(":")) {
      throw new IllegalArgumentException(
          "encrypted keys are not supported (expected: an unencrypted RSA key)");
    }
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad base64 (expected: PEM)", e);
    }
  }

  /** PrivateKeyInfo ::= SEQUENCE { version, algorithm, OCTET STRING { RSAPrivateKey } }. */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    inner.writeBytes(VERSION_AND_RSA_ALGORITHM);
    inner.write(0x04);
    writeLength(inner, pkcs1.length);
    inner.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, inner.size());
    out.writeBytes(inner.toByteArray());
    return out.toByteArray();
  }

  /** DER definite length: short form below 128, else 0x80|n followed by n big-endian bytes. */
  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
    out.write(0x80 | bytes);
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((length >>> (8 * i)) & 0xff);
    }
  }
}
