package io.dcnet.rest.mesosdns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import java.util.List;
import java.util.TreeMap;

/**
 * Renders {@code GET /v1/config}: the whole config with Mesos-DNS's Go field names and JSON types
 * (spec/mesos-dns.md section 6). Unlike upstream, {@code MesosCredentials.Secret} is redacted:
 * {@value #REDACTED} when set, {@code ""} when not. Zone resolvers are rendered sorted by zone.
 *
 * <p>Stateless; thread-safe.
 */
final class MesosDnsConfigRenderer {
  static final String REDACTED = "******";

  private MesosDnsConfigRenderer() {}

  /** The config object; {@code serial} is the current SOA serial (0 before the first refresh). */
  static ObjectNode render(MesosDnsConfig c, long serial) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("RefreshSeconds", c.refreshSeconds());
    o.put("Port", c.port());
    o.put("Timeout", c.timeout());
    o.put("StateTimeoutSeconds", c.stateTimeoutSeconds());
    o.put("ZkDetectionTimeout", c.zkDetectionTimeout());
    o.put("HttpPort", c.httpPort());
    o.put("TTL", c.ttl());
    o.put("SRVRecordDefaultWeight", c.srvRecordDefaultWeight());
    o.put("SOASerial", serial);
    o.put("SOARefresh", c.soaRefresh());
    o.put("SOARetry", c.soaRetry());
    o.put("SOAExpire", c.soaExpire());
    o.put("SOAMinttl", c.soaMinttl());
    o.put("SOAMname", MesosDnsNames.mname(c.soaMname()));
    o.put("SOARname", MesosDnsNames.rname(c.soaRname()));
    o.set("Masters", strings(c.masters()));
    ObjectNode zones = f.objectNode();
    new TreeMap<>(c.zoneResolvers()).forEach((zone, rs) -> zones.set(zone, strings(rs)));
    o.set("ZoneResolvers", zones);
    o.set("Resolvers", strings(c.resolvers()));
    o.set("IPSources", strings(c.ipSources()));
    o.put("Zk", nz(c.zk()));
    o.put("Domain", nz(c.domain()));
    o.put("File", nz(c.file()));
    o.put("Listener", nz(c.listener()));
    o.put("HTTPListener", nz(c.httpListener()));
    o.put("RecurseOn", c.recurseOn());
    o.put("DnsOn", c.dnsOn());
    o.put("HttpOn", c.httpOn());
    o.put("ExternalOn", c.externalOn());
    o.put("EnforceRFC952", c.enforceRfc952());
    o.put("SetTruncateBit", c.setTruncateBit());
    o.put("EnumerationOn", c.enumerationOn());
    o.put("MesosHTTPSOn", c.mesosHttpsOn());
    o.put("CACertFile", nz(c.caCertFile()));
    o.put("CertFile", nz(c.certFile()));
    o.put("KeyFile", nz(c.keyFile()));
    ObjectNode creds = o.putObject("MesosCredentials");
    creds.put("Principal", nz(c.mesosPrincipal()));
    creds.put("Secret", nz(c.mesosSecret()).isEmpty() ? "" : REDACTED);
    o.put("IAMConfigFile", nz(c.iamConfigFile()));
    o.put("MesosAuthentication", nz(c.mesosAuthentication()));
    return o;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    if (values != null) {
      values.forEach(a::add);
    }
    return a;
  }

  private static String nz(String s) {
    return MesosDnsNames.nz(s);
  }
}
