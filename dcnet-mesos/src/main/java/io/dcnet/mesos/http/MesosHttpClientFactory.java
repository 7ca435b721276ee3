package io.dcnet.mesos.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link MesosHttpClient}s from a {@link MesosClientConfig}: HTTP/1.1, no automatic
 * redirects, TLS from PEM files.
 *
 * <p>Thread-safe: stateless apart from a warn-once flag.
 */
public final class MesosHttpClientFactory {
  private static final Logger LOG = LoggerFactory.getLogger(MesosHttpClientFactory.class);
  private static final AtomicBoolean INSECURE_WARNED = new AtomicBoolean();
  private static final char[] NO_PASSWORD = new char[0];

  private MesosHttpClientFactory() {}

  /**
   * Creates a client. Reads the PEM files now, so a bad file fails here with a message naming the
   * config field ({@code caCertFile}, {@code certFile}, {@code keyFile}).
   */
  public static MesosHttpClient create(MesosClientConfig config) throws IOException {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(min(config.requestTimeout(), Duration.ofSeconds(30)));
    if (config.https()) {
      b.sslContext(sslContext(config));
    }
    return new MesosHttpClient(b.build(), config);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  static SSLContext sslContext(MesosClientConfig config) throws IOException {
    try {
      TrustManager[] trust;
      if (config.caCertFile().isPresent()) {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        int i = 0;
        for (X509Certificate c :
            PemFiles.readCertificates("caCertFile", config.caCertFile().get())) {
          ts.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        trust = tmf.getTrustManagers();
      } else {
        if (INSECURE_WARNED.compareAndSet(false, true)) {
          LOG.warn("https to Mesos is on without a CA file: server certificates are NOT verified");
        }
        trust = new TrustManager[] {new TrustAllManager()};
      }
      KeyManager[] keys = null;
      if (config.certFile().isPresent()) {
        List<X509Certificate> chain =
            PemFiles.readCertificates("certFile", config.certFile().get());
        PrivateKey key = PemFiles.readPrivateKey("keyFile", config.keyFile().orElseThrow());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, NO_PASSWORD);
        keys = kmf.getKeyManagers();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, trust, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS setup failed: " + e.getMessage(), e);
    }
  }
}
