package io.dcnet.mesosdns.config;

import java.util.List;
import java.util.Map;

/**
 * Mesos-DNS's coded defaults (spec/mesos-dns.md section 6), as a {@link MesosDnsConfig}. Note the
 * defaults alone are not a loadable config: {@code masters} and {@code zk} are both empty.
 *
 * <p>Thread-safe: stateless.
 */
public final class MesosDnsDefaults {
  private MesosDnsDefaults() {}

  /** Every key at its default, SOA names already normalised ({@code ns1.mesos.}). */
  @SuppressWarnings("unchecked")
  public static MesosDnsConfig defaults() {
    return new MesosDnsConfig(
        (String) ConfigKey.ZK.defaultValue(),
        (Integer) ConfigKey.ZK_DETECTION_TIMEOUT.defaultValue(),
        List.of(),
        (Integer) ConfigKey.REFRESH_SECONDS.defaultValue(),
        (Integer) ConfigKey.STATE_TIMEOUT_SECONDS.defaultValue(),
        (Integer) ConfigKey.TTL.defaultValue(),
        (String) ConfigKey.DOMAIN.defaultValue(),
        (Integer) ConfigKey.PORT.defaultValue(),
        (String) ConfigKey.LISTENER.defaultValue(),
        (String) ConfigKey.HTTP_LISTENER.defaultValue(),
        (Integer) ConfigKey.HTTP_PORT.defaultValue(),
        true,
        true,
        true,
        (List<String>) ConfigKey.RESOLVERS.defaultValue(),
        Map.of(),
        (Integer) ConfigKey.TIMEOUT.defaultValue(),
        true,
        ConfigKey.SOA_MNAME.defaultValue() + ".",
        ConfigKey.SOA_RNAME.defaultValue() + ".",
        (Integer) ConfigKey.SOA_REFRESH.defaultValue(),
        (Integer) ConfigKey.SOA_RETRY.defaultValue(),
        (Integer) ConfigKey.SOA_EXPIRE.defaultValue(),
        (Integer) ConfigKey.SOA_MINTTL.defaultValue(),
        (Integer) ConfigKey.SRV_RECORD_DEFAULT_WEIGHT.defaultValue(),
        (List<String>) ConfigKey.IP_SOURCES.defaultValue(),
        false,
        true,
        true,
        false,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "");
  }
}
