package io.dcnet.mesos.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Mesos masters and agents over HTTP(S). Mirrors the Mesos-DNS options {@code
 * mesosHTTPSOn}, {@code CACertFile}, {@code CertFile}, {@code KeyFile}, {@code
 * mesosAuthentication}/{@code mesosCredentials} and {@code stateTimeoutSeconds}.
 *
 * <p>Thread-safe: immutable.
 *
 * @param https use TLS (otherwise plain HTTP)
 * @param caCertFile PEM file with the CA certificates to trust; when empty and {@code https} is on,
 *     certificate checking is OFF (as in Mesos-DNS)
 * @param certFile PEM client certificate chain; must be given together with {@code keyFile}
 * @param keyFile PEM PKCS#8 private key ({@code BEGIN PRIVATE KEY}), RSA or EC
 * @param auth authentication to send on every request
 * @param requestTimeout per-request timeout (for streams: until the response headers arrive)
 */
public record MesosClientConfig(
    boolean https,
    Optional<Path> caCertFile,
    Optional<Path> certFile,
    Optional<Path> keyFile,
    MesosAuth auth,
    Duration requestTimeout) {

  /** The default request timeout, Mesos-DNS's {@code stateTimeoutSeconds} default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public MesosClientConfig {
    Objects.requireNonNull(caCertFile, "caCertFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalArgumentException(
          "certFile/keyFile: only one is set (expected: both or neither)");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout: " + requestTimeout + " (expected: > 0)");
    }
  }

  /** Plain http, no auth, the default timeout. */
  public static MesosClientConfig plain() {
    return new MesosClientConfig(
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        MesosAuth.none(),
        DEFAULT_TIMEOUT);
  }

  /** {@code https} or {@code http}. */
  public String scheme() {
    return https ? "https" : "http";
  }

  /** Returns a copy with another authentication. */
  public MesosClientConfig withAuth(MesosAuth newAuth) {
    return new MesosClientConfig(https, caCertFile, certFile, keyFile, newAuth, requestTimeout);
  }

  /** Returns a copy with another request timeout. */
  public MesosClientConfig withRequestTimeout(Duration timeout) {
    return new MesosClientConfig(https, caCertFile, certFile, keyFile, auth, timeout);
  }

  /** Returns a copy with https on and the given TLS files (each may be null). */
  public MesosClientConfig withTls(Path caCert, Path cert, Path key) {
    return new MesosClientConfig(
        true,
        Optional.ofNullable(caCert),
        Optional.ofNullable(cert),
        Optional.ofNullable(key),
        auth,
        requestTimeout);
  }
}
