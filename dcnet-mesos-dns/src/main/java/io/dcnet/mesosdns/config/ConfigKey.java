package io.dcnet.mesosdns.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every key of a Mesos-DNS {@code config.json} (spec/mesos-dns.md section 6): its spelling in error
 * messages, its JSON kind and its coded default. Keys match case-insensitively.
 *
 * <p>Thread-safe: immutable enum.
 */
enum ConfigKey {
  ZK("zk", Kind.STRING, ""),
  ZK_DETECTION_TIMEOUT("zkDetectionTimeout", Kind.INT, 30),
  MASTERS("masters", Kind.STRING_LIST, List.of()),
  REFRESH_SECONDS("refreshSeconds", Kind.INT, 60),
  STATE_TIMEOUT_SECONDS("stateTimeoutSeconds", Kind.INT, 300),
  TTL("ttl", Kind.INT, 60),
  DOMAIN("domain", Kind.STRING, "mesos"),
  PORT("port", Kind.INT, 53),
  LISTENER("listener", Kind.STRING, "0.0.0.0"),
  HTTP_LISTENER("httpListener", Kind.STRING, "0.0.0.0"),
  HTTP_PORT("httpport", Kind.INT, 8123),
  DNS_ON("dnson", Kind.BOOL, true),
  HTTP_ON("httpon", Kind.BOOL, true),
  EXTERNAL_ON("externalon", Kind.BOOL, true),
  RESOLVERS("resolvers", Kind.STRING_LIST, List.of("8.8.8.8")),
  ZONE_RESOLVERS("zoneResolvers", Kind.ZONE_MAP, Map.of()),
  TIMEOUT("timeout", Kind.INT, 5),
  RECURSE_ON("recurseon", Kind.BOOL, true),
  SOA_MNAME("SOAMname", Kind.STRING, "ns1.mesos"),
  SOA_RNAME("SOARname", Kind.STRING, "root.ns1.mesos"),
  SOA_REFRESH("SOARefresh", Kind.INT, 60),
  SOA_RETRY("SOARetry", Kind.INT, 600),
  SOA_EXPIRE("SOAExpire", Kind.INT, 86400),
  SOA_MINTTL("SOAMinttl", Kind.INT, 60),
  SOA_SERIAL("SOASerial", Kind.IGNORED_NUMBER, 0),
  SRV_RECORD_DEFAULT_WEIGHT("srvRecordDefaultWeight", Kind.INT, 1),
  IP_SOURCES("IPSources", Kind.STRING_LIST, List.of("netinfo", "mesos", "host")),
  ENFORCE_RFC952("enforceRFC952", Kind.BOOL, false),
  SET_TRUNCATE_BIT("SetTruncateBit", Kind.BOOL, true),
  ENUMERATION_ON("EnumerationOn", Kind.BOOL, true),
  MESOS_HTTPS_ON("mesosHTTPSOn", Kind.BOOL, false),
  CA_CERT_FILE("CACertFile", Kind.STRING, ""),
  CERT_FILE("CertFile", Kind.STRING, ""),
  KEY_FILE("KeyFile", Kind.STRING, ""),
  MESOS_AUTHENTICATION("mesosAuthentication", Kind.STRING, ""),
  MESOS_CREDENTIALS("mesosCredentials", Kind.CREDENTIALS, Map.of()),
  IAM_CONFIG_FILE("IAMConfigFile", Kind.STRING, ""),
  FILE("File", Kind.IGNORED_STRING, "");

  /** The JSON shape a key accepts. */
  enum Kind {
    STRING,
    INT,
    BOOL,
    STRING_LIST,
    ZONE_MAP,
    CREDENTIALS,
    /** Accepted and type-checked, but the value is set at runtime ({@code SOASerial}). */
    IGNORED_NUMBER,
    /** Accepted and type-checked, but the value is set by the loader ({@code File}). */
    IGNORED_STRING
  }

  private final String jsonName;
  private final Kind kind;

  @SuppressWarnings("ImmutableEnumChecker") // only String, Integer, Boolean, List.of, Map.of
  private final Object defaultValue;

  ConfigKey(String jsonName, Kind kind, Object defaultValue) {
    this.jsonName = jsonName;
    this.kind = kind;
    this.defaultValue = defaultValue;
  }

  String jsonName() {
    return jsonName;
  }

  Kind kind() {
    return kind;
  }

  Object defaultValue() {
    return defaultValue;
  }

  /** The key whose name equals {@code name} ignoring case (Go's JSON rule). */
  static Optional<ConfigKey> lookup(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (ConfigKey k : values()) {
      if (k.jsonName.toLowerCase(Locale.ROOT).equals(lower)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
