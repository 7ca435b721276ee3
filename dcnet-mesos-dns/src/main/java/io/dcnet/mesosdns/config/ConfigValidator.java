package io.dcnet.mesosdns.config;

import io.dcnet.core.net.HostPort;
import io.dcnet.core.net.IpLiterals;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validation and normalisation rules of spec/mesos-dns.md section 6, applied to the raw key
 * values read by {@link MesosDnsConfigLoader}.
 *
 * <p>Thread-safe: stateless.
 */
final class ConfigValidator {
  static final Pattern DOMAIN = Pattern.compile("^[a-zA-Z0-9-]+(\\.[a-zA-Z0-9-]+)*$");
  private static final Pattern ZK = Pattern.compile("^zk://[^/,]+(,[^/,]+)*/.*$");
  static final List<String> IP_SOURCES = List.of("host", "docker", "mesos", "netinfo");
  static final List<String> AUTHENTICATIONS = List.of("", "basic", "iam");

  private ConfigValidator() {}

  static MesosDnsConfig validate(Map<ConfigKey, Object> v) throws ConfigException {
    String zk = str(v, ConfigKey.ZK);
    if (!zk.isEmpty() && !ZK.matcher(zk).matches()) {
      throw bad(ConfigKey.ZK, quote(zk), "zk://host:port[,host:port...]/path");
    }
    List<String> masters = masters(list(v, ConfigKey.MASTERS));
    if (zk.isEmpty() && masters.isEmpty()) {
      throw new ConfigException(
          "masters: [] (expected at least one master ip:port, or a zk URL in zk)");
    }
    String domain = str(v, ConfigKey.DOMAIN).toLowerCase(Locale.ROOT);
    if (!DOMAIN.matcher(domain).matches()) {
      throw bad(ConfigKey.DOMAIN, quote(domain), "dot-separated labels of [a-zA-Z0-9-]");
    }
    if (!bool(v, ConfigKey.DNS_ON) && !bool(v, ConfigKey.HTTP_ON)) {
      throw new ConfigException("dnson: false (expected dnson or httpon to be true)");
    }
    int timeout = range(v, ConfigKey.TIMEOUT, 0, Integer.MAX_VALUE, "0 or more seconds");
    String certFile = str(v, ConfigKey.CERT_FILE);
    String keyFile = str(v, ConfigKey.KEY_FILE);
    if (certFile.isEmpty() != keyFile.isEmpty()) {
      ConfigKey missing = certFile.isEmpty() ? ConfigKey.CERT_FILE : ConfigKey.KEY_FILE;
      throw bad(missing, "\"\"", "CertFile and KeyFile to be given together");
    }
    String auth = str(v, ConfigKey.MESOS_AUTHENTICATION);
    if (!AUTHENTICATIONS.contains(auth)) {
      throw bad(ConfigKey.MESOS_AUTHENTICATION, quote(auth), "one of \"\", basic, iam");
    }
    @SuppressWarnings("unchecked")
    Map<String, String> creds = (Map<String, String>) v.get(ConfigKey.MESOS_CREDENTIALS);
    String principal = creds.getOrDefault("principal", "");
    if (auth.equals("basic") && principal.isEmpty()) {
      throw new ConfigException(
          "mesosCredentials.principal: \"\" (expected a principal when mesosAuthentication is"
              + " basic)");
    }
    String iamFile = str(v, ConfigKey.IAM_CONFIG_FILE);
    if (auth.equals("iam") && iamFile.isEmpty()) {
      throw bad(ConfigKey.IAM_CONFIG_FILE, "\"\"", "a file path when mesosAuthentication is iam");
    }
    return new MesosDnsConfig(
        zk,
        range(v, ConfigKey.ZK_DETECTION_TIMEOUT, 0, Integer.MAX_VALUE, "0 or more seconds"),
        masters,
        range(v, ConfigKey.REFRESH_SECONDS, 1, Integer.MAX_VALUE, "1 or more seconds"),
        range(v, ConfigKey.STATE_TIMEOUT_SECONDS, 1, Integer.MAX_VALUE, "1 or more seconds"),
        range(v, ConfigKey.TTL, 0, Integer.MAX_VALUE, "0 or more seconds"),
        domain,
        range(v, ConfigKey.PORT, 0, 65535, "0-65535, 0 = any free port"),
        ipLiteral(v, ConfigKey.LISTENER),
        ipLiteral(v, ConfigKey.HTTP_LISTENER),
        range(v, ConfigKey.HTTP_PORT, 0, 65535, "0-65535, 0 = any free port"),
        bool(v, ConfigKey.DNS_ON),
        bool(v, ConfigKey.HTTP_ON),
        bool(v, ConfigKey.EXTERNAL_ON),
        resolvers(ConfigKey.RESOLVERS.jsonName(), list(v, ConfigKey.RESOLVERS)),
        zones(v, domain),
        timeout == 0 ? 5 : timeout,
        bool(v, ConfigKey.RECURSE_ON),
        str(v, ConfigKey.SOA_MNAME).replaceAll("\\.+$", "") + ".",
        str(v, ConfigKey.SOA_RNAME).replace('@', '.').replaceAll("\\.+$", "") + ".",
        range(v, ConfigKey.SOA_REFRESH, 0, Integer.MAX_VALUE, "0 or more seconds"),
        range(v, ConfigKey.SOA_RETRY, 0, Integer.MAX_VALUE, "0 or more seconds"),
        range(v, ConfigKey.SOA_EXPIRE, 0, Integer.MAX_VALUE, "0 or more seconds"),
        range(v, ConfigKey.SOA_MINTTL, 0, Integer.MAX_VALUE, "0 or more seconds"),
        range(v, ConfigKey.SRV_RECORD_DEFAULT_WEIGHT, 0, 65535, "0-65535"),
        ipSources(list(v, ConfigKey.IP_SOURCES)),
        bool(v, ConfigKey.ENFORCE_RFC952),
        bool(v, ConfigKey.SET_TRUNCATE_BIT),
        bool(v, ConfigKey.ENUMERATION_ON),
        bool(v, ConfigKey.MESOS_HTTPS_ON),
        str(v, ConfigKey.CA_CERT_FILE),
        certFile,
        keyFile,
        auth,
        principal,
        creds.getOrDefault("secret", ""),
        iamFile,
        str(v, ConfigKey.FILE));
  }

  /** Masters: IP literal with port 1-65535, unique after normalising; returned normalised. */
  static List<String> masters(List<String> raw) throws ConfigException {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String m = raw.get(i);
      String key = "masters[" + i + "]";
      Optional<HostPort> hp = HostPort.parse(m);
      Optional<InetAddress> ip = hp.flatMap(h -> IpLiterals.parse(h.host()));
      if (ip.isEmpty()) {
        throw new ConfigException(
            key + ": " + quote(m) + " (expected an IP literal with port, ip:port)");
      }
      if (hp.get().port() < 1) {
        throw new ConfigException(key + ": " + quote(m) + " (expected a port 1-65535)");
      }
      String norm = new HostPort(IpLiterals.format(ip.get()), hp.get().port()).toString();
      if (!seen.add(norm)) {
        throw new ConfigException(key + ": " + quote(m) + " (expected unique masters)");
      }
      out.add(norm);
    }
    return out;
  }

  /** Resolvers: IP or IP:port (port 1-65535), unique after normalising; kept as written. */
  static List<String> resolvers(String name, List<String> raw) throws ConfigException {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String r = raw.get(i);
      String key = name + "[" + i + "]";
      Optional<HostPort> hp = HostPort.parse(r, 53);
      Optional<InetAddress> ip = hp.flatMap(h -> IpLiterals.parse(h.host()));
      if (ip.isEmpty() || hp.get().port() < 1) {
        throw new ConfigException(
            key + ": " + quote(r) + " (expected an IP literal, ip:port or [ipv6]:port)");
      }
      String norm = new HostPort(IpLiterals.format(ip.get()), hp.get().port()).toString();
      if (!seen.add(norm)) {
        throw new ConfigException(key + ": " + quote(r) + " (expected unique resolvers)");
      }
    }
    return raw;
  }

  private static Map<String, List<String>> zones(Map<ConfigKey, Object> v, String domain)
      throws ConfigException {
    @SuppressWarnings("unchecked")
    Map<String, List<String>> raw = (Map<String, List<String>>) v.get(ConfigKey.ZONE_RESOLVERS);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : raw.entrySet()) {
      String zone = e.getKey().toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
      String key = "zoneResolvers." + e.getKey();
      if (!DOMAIN.matcher(zone).matches()) {
        throw new ConfigException(key + ": " + quote(e.getKey()) + " (expected a DNS zone name)");
      }
      if (related(zone, domain)) {
        throw new ConfigException(
            key
                + ": "
                + quote(e.getKey())
                + " (expected a zone that does not overlap domain "
                + quote(domain)
                + ")");
      }
      for (String other : out.keySet()) {
        if (related(zone, other)) {
          throw new ConfigException(
              key
                  + ": "
                  + quote(e.getKey())
                  + " (expected a zone that does not overlap zone "
                  + quote(other)
                  + ")");
        }
      }
      if (e.getValue().isEmpty()) {
        throw new ConfigException(key + ": [] (expected at least one resolver)");
      }
      out.put(zone, List.copyOf(resolvers(key, e.getValue())));
    }
    return out;
  }

  /** True if one zone equals the other or is a suffix of it at a label boundary. */
  static boolean related(String a, String b) {
    return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
  }

  private static List<String> ipSources(List<String> raw) throws ConfigException {
    if (raw.isEmpty()) {
      throw new ConfigException(
          "IPSources: [] (expected a non-empty list of host, docker, mesos, netinfo)");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String s = raw.get(i);
      if (!IP_SOURCES.contains(s)) {
        throw new ConfigException(
            "IPSources["
                + i
                + "]: "
                + quote(s)
                + " (expected one of host, docker, mesos, netinfo)");
      }
      if (!seen.add(s)) {
        throw new ConfigException(
            "IPSources[" + i + "]: " + quote(s) + " (expected no duplicate sources)");
      }
    }
    return raw;
  }

  private static String ipLiteral(Map<ConfigKey, Object> v, ConfigKey k) throws ConfigException {
    String s = str(v, k);
    Optional<InetAddress> ip = IpLiterals.parse(s);
    if (ip.isEmpty()) {
      throw bad(k, quote(s), "an IP literal such as 0.0.0.0");
    }
    return s;
  }

  private static int range(Map<ConfigKey, Object> v, ConfigKey k, int lo, int hi, String expected)
      throws ConfigException {
    int n = (Integer) v.get(k);
    if (n < lo || n > hi) {
      throw bad(k, Integer.toString(n), expected);
    }
    return n;
  }

  private static String str(Map<ConfigKey, Object> v, ConfigKey k) {
    return (String) v.get(k);
  }

  private static boolean bool(Map<ConfigKey, Object> v, ConfigKey k) {
    return (Boolean) v.get(k);
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Map<ConfigKey, Object> v, ConfigKey k) {
    return (List<String>) v.get(k);
  }

  private static ConfigException bad(ConfigKey k, String value, String expected) {
    return new ConfigException(k.jsonName() + ": " + value + " (expected " + expected + ")");
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
