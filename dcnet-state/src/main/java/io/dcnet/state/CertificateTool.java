package io.dcnet.state;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a cluster CA and node certificates as PEM files for mutual TLS between dcnet nodes (RSA
 * 2048, SHA-256). Every node certificate carries the DNS name {@code dcnet-<clusterId>}: the
 * transport accepts a peer only if its certificate is signed by the cluster CA and shares that
 * name. Stateless and thread-safe; no processes are spawned.
 */
public final class CertificateTool {
  public static final String CA_CERT = "ca.crt";
  public static final String CA_KEY = "ca.key";
  public static final String NODE_CERT = "node.crt";
  public static final String NODE_KEY = "node.key";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration NODE_VALIDITY = Duration.ofDays(825);

  private CertificateTool() {}

  /** The subject name shared by all node certificates of a cluster. */
  public static String clusterName(String clusterId) {
    return "dcnet-" + clusterId;
  }

  /**
   * Creates {@code dir/ca.crt} and {@code dir/ca.key} (mode 600) for {@code clusterId}. Refuses to
   * overwrite an existing CA. Returns the CA certificate path.
   */
  public static Path createCa(Path dir, String clusterId) throws IOException {
    ClusterStateConfig.validateClusterId(clusterId);
    Path cert = dir.resolve(CA_CERT);
    Path key = dir.resolve(CA_KEY);
    if (Files.exists(cert) || Files.exists(key)) {
      throw new IOException(
          "caDir: " + dir + " (expected: no existing " + CA_CERT + "/" + CA_KEY + ")");
    }
    Files.createDirectories(dir);
    try {
      KeyPair kp = rsa();
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, "dcnet")
              .addRDN(BCStyle.OU, clusterId)
              .addRDN(BCStyle.CN, clusterName(clusterId) + " CA")
              .build();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              subject,
              serial(),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(CA_VALIDITY)),
              subject,
              kp.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
      X509Certificate ca = sign(b, kp.getPrivate());
      writePem(key, kp.getPrivate(), true);
      writePem(cert, ca, false);
      return cert;
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("could not create the CA: " + e, e);
    }
  }

  /**
   * Creates {@code outDir/node.crt}, {@code outDir/node.key} (mode 600) and a copy of the CA
   * certificate {@code outDir/ca.crt} for {@code nodeName}, valid for the given IP addresses.
   * Returns the settings that point at these files.
   */
  public static TlsSettings createNode(Path caDir, Path outDir, String nodeName, List<String> ips)
      throws IOException {
    if (nodeName == null || !nodeName.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,62}")) {
      throw new IllegalArgumentException(
          "nodeName: " + nodeName + " (expected: a host name of letters, digits, '.' and '-')");
    }
    List<GeneralName> names = new ArrayList<>();
    for (String ip : ips) {
      if (!io.dcnet.core.net.IpLiterals.isLiteral(ip)) {
        throw new IllegalArgumentException("ips: " + ip + " (expected: IPv4 or IPv6 literals)");
      }
      names.add(new GeneralName(GeneralName.iPAddress, InetAddress.getByName(ip).getHostAddress()));
    }
    try {
      X509Certificate ca = readCert(caDir.resolve(CA_CERT));
      PrivateKey caKey = readKey(caDir.resolve(CA_KEY));
      X500Name caName = new X509CertificateHolder(ca.getEncoded()).getSubject();
      RDN[] ou = caName.getRDNs(BCStyle.OU);
      if (ou.length == 0) {
        throw new IOException("caDir: " + caDir + " (expected: a CA made by CertificateTool)");
      }
      String clusterId = IETFUtils.valueToString(ou[0].getFirst().getValue());
      names.add(0, new GeneralName(GeneralName.dNSName, nodeName));
      names.add(0, new GeneralName(GeneralName.dNSName, clusterName(clusterId)));
      KeyPair kp = rsa();
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, "dcnet")
              .addRDN(BCStyle.OU, clusterId)
              .addRDN(BCStyle.CN, nodeName)
              .build();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              caName,
              serial(),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(NODE_VALIDITY)),
              subject,
              kp.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(new GeneralName[0])));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
      X509Certificate cert = sign(b, caKey);
      Files.createDirectories(outDir);
      writePem(outDir.resolve(NODE_KEY), kp.getPrivate(), true);
      writePem(outDir.resolve(NODE_CERT), cert, false);
      if (!Files.isSameFile(caDir, outDir)) {
        Files.copy(
            caDir.resolve(CA_CERT), outDir.resolve(CA_CERT), StandardCopyOption.REPLACE_EXISTING);
      }
      return TlsSettings.inDirectory(outDir);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("could not create the node certificate: " + e, e);
    }
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048, RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(128, RANDOM).setBit(127);
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
  }

  private static void writePem(Path file, Object obj, boolean secret) throws IOException {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      if (obj instanceof PrivateKey k) {
        // PKCS#8 "PRIVATE KEY", the form Pekko's PEM loader reads
        w.writeObject(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", k.getEncoded()));
      } else {
        w.writeObject(obj);
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp);
    if (secret) {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // non-POSIX file system: keep defaults
      }
    }
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
      out.write(sw.toString());
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static X509Certificate readCert(Path file) throws IOException, GeneralSecurityException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      if (!(o instanceof X509CertificateHolder h)) {
        throw new IOException(file + ": not a PEM certificate");
      }
      return new JcaX509CertificateConverter().getCertificate(h);
    }
  }

  private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      if (!(o instanceof PrivateKeyInfo info)) {
        throw new IOException(file + ": not a PKCS#8 PEM private key");
      }
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    }
  }
}
