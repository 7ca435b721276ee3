package io.dcnet.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * PEM files for mutual TLS between nodes (see {@link CertificateTool}): this node's RSA private key
 * (PKCS#8 or PKCS#1), its certificate, and the cluster CA certificate. Immutable.
 *
 * @param keyFile the node's private key
 * @param certFile the node's certificate, issued by the cluster CA
 * @param caCertFile the cluster CA certificate (a root CA)
 */
public record TlsSettings(Path keyFile, Path certFile, Path caCertFile) {
  public TlsSettings {
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(caCertFile, "caCertFile");
    keyFile = keyFile.toAbsolutePath();
    certFile = certFile.toAbsolutePath();
    caCertFile = caCertFile.toAbsolutePath();
  }

  /** The files {@link CertificateTool#createNode} writes into {@code dir}. */
  public static TlsSettings inDirectory(Path dir) {
    return new TlsSettings(
        dir.resolve(CertificateTool.NODE_KEY),
        dir.resolve(CertificateTool.NODE_CERT),
        dir.resolve(CertificateTool.CA_CERT));
  }

  /** Throws with a clear message when a file is missing or unreadable. */
  void validate() {
    for (Path p : new Path[] {keyFile, certFile, caCertFile}) {
      if (!Files.isReadable(p)) {
        throw new IllegalArgumentException("tls: " + p + " (expected: a readable PEM file)");
      }
    }
  }
}
