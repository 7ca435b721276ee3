package io.dcnet.daemon.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.net.IpLiterals;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@code l4lb} object of the node config into an {@link L4lbConfig}; messages name the
 * key as {@code l4lb.<key>}.
 *
 * <p>Stateless; thread-safe.
 */
final class L4lbConfigParser {
  private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final Pattern ZK =
      Pattern.compile("[A-Za-z0-9.:\\[\\]_-]+(,[A-Za-z0-9.:\\[\\]_-]+)*(/[A-Za-z0-9/_-]*)?");
  private static final String KEYS =
      "enabled, data_plane, agent_url, agent_poll_interval_seconds, enable_ipv6, min_named_ip,"
          + " max_named_ip, min_named_ip6, max_named_ip6, zookeeper, name_grace_seconds,"
          + " reconcile_seconds, nft_table";

  private static final ConfigFields F = new ConfigFields("l4lb");

  private L4lbConfigParser() {}

  static L4lbConfig parse(JsonNode v) throws NodeConfigException {
    if (!v.isObject()) {
      throw F.bad("", v, "an object with keys " + KEYS);
    }
    L4lbConfig d = L4lbConfig.defaults();
    boolean enabled = d.enabled();
    String dataPlane = d.dataPlane();
    URI agentUrl = d.agentUrl();
    Duration poll = d.agentPollInterval();
    boolean ipv6 = d.enableIpv6();
    String min4 = d.minNamedIp();
    String max4 = d.maxNamedIp();
    String min6 = d.minNamedIp6();
    String max6 = d.maxNamedIp6();
    String zk = d.zookeeper();
    Duration grace = d.nameGrace();
    Duration reconcile = d.reconcileInterval();
    String table = d.nftTable();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      String key = e.getKey();
      JsonNode n = e.getValue();
      switch (key) {
        case "enabled" -> enabled = F.bool(key, n);
        case "data_plane" -> {
          dataPlane = F.text(key, n, "auto, nftables, userspace or none");
          if (!dataPlane.matches("auto|nftables|userspace|none")) {
            throw F.bad(key, n, "auto, nftables, userspace or none");
          }
        }
        case "agent_url" ->
            agentUrl = F.httpUrl(key, n, "an http:// URL, e.g. \"http://10.0.0.5:5051/\"", false);
        case "agent_poll_interval_seconds" ->
            poll = Duration.ofSeconds(F.integer(key, n, 1, 60, "seconds, 1-60"));
        case "enable_ipv6" -> ipv6 = F.bool(key, n);
        case "min_named_ip" -> min4 = ip(key, n, false);
        case "max_named_ip" -> max4 = ip(key, n, false);
        case "min_named_ip6" -> min6 = ip(key, n, true);
        case "max_named_ip6" -> max6 = ip(key, n, true);
        case "zookeeper" -> {
          zk = F.text(key, n, "host:port[,host:port...], e.g. \"10.0.0.1:2181,10.0.0.2:2181\"");
          if (!ZK.matcher(zk).matches()) {
            throw F.bad(key, n, "host:port[,host:port...], e.g. \"10.0.0.1:2181,10.0.0.2:2181\"");
          }
        }
        case "name_grace_seconds" ->
            grace = Duration.ofSeconds(F.integer(key, n, 0, 7 * 86_400, "seconds, 0-604800"));
        case "reconcile_seconds" ->
            reconcile = Duration.ofSeconds(F.integer(key, n, 1, 3600, "seconds, 1-3600"));
        case "nft_table" -> {
          table = F.text(key, n, "1-32 letters, digits, '_' or '-'");
          if (!TABLE.matcher(table).matches()) {
            throw F.bad(key, n, "1-32 letters, digits, '_' or '-'");
          }
        }
        default ->
            throw new NodeConfigException(
                F.name(key) + ": unknown key (expected one of: " + KEYS + ")");
      }
    }
    checkRange("min_named_ip", min4, "max_named_ip", max4);
    checkRange("min_named_ip6", min6, "max_named_ip6", max6);
    return new L4lbConfig(
        enabled, dataPlane, agentUrl, poll, ipv6, min4, max4, min6, max6, zk, grace, reconcile,
        table);
  }

  private static void checkRange(String minKey, String min, String maxKey, String max)
      throws NodeConfigException {
    byte[] a = IpLiterals.parse(min).orElseThrow().getAddress();
    byte[] b = IpLiterals.parse(max).orElseThrow().getAddress();
    if (java.util.Arrays.compareUnsigned(a, b) >= 0) {
      throw new NodeConfigException(
          "l4lb." + minKey + ": " + min + " (expected: below l4lb." + maxKey + " " + max + ")");
    }
  }

  private static String ip(String key, JsonNode n, boolean v6) throws NodeConfigException {
    String form = v6 ? "an IPv6 address, e.g. \"fd01:c::\"" : "an IPv4 address, e.g. \"11.0.0.0\"";
    String t = F.text(key, n, form);
    InetAddress a = IpLiterals.parse(t).orElse(null);
    if (a == null || IpLiterals.isV6(a) != v6) {
      throw F.bad(key, n, form);
    }
    return IpLiterals.format(a);
  }
}
