package io.dcnet.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.core.json.Json;
import io.dcnet.core.net.IpLiterals;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns Mesos-DNS's {@code GET /v1/axfr} JSON into the {@code mesos.thisdcos.directory} zone (spec
 * dcos-net.md 2.4): {@code {"Domain":"mesos","Records":{"As":{name:[ip]},"AAAAs":{name:[ip]},
 * "SRVs":{name:["target:port"]}}}}. Owner names and SRV targets under the domain ({@code
 * <n>.mesos.}) become {@code <n>.mesos.thisdcos.directory}; owners outside it are skipped, SRV
 * targets outside it are kept as they are. SRV priority and weight are 1. Values that are not IP
 * literals of the right family, or {@code target:port} with a bad port, are skipped.
 *
 * <p>Thread-safe: stateless.
 */
public final class AxfrParser {
  /** The zone the mirror fills. */
  public static final String ZONE = "mesos.thisdcos.directory";

  private AxfrParser() {}

  /**
   * Parses one axfr document.
   *
   * @throws IllegalArgumentException if it is not JSON or {@code Records} is not an object
   */
  public static DnsZone parse(byte[] json) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("axfr: not JSON (" + e.getMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("axfr: not a JSON object (expected: {\"Records\":{...}})");
    }
    JsonNode domainNode = root.get("Domain");
    String domain =
        trimDot(
            (domainNode != null && domainNode.isTextual() ? domainNode.asText() : "mesos")
                .toLowerCase(Locale.ROOT));
    JsonNode recs = root.get("Records");
    if (recs == null || !recs.isObject()) {
      throw new IllegalArgumentException("axfr: Records: missing (expected: an object)");
    }
    Map<String, List<ZoneRecord>> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : entries(recs.get("As"))) {
      for (String v : strings(e.getValue())) {
        IpLiterals.parse(v)
            .filter(IpLiterals::isV4)
            .ifPresent(ip -> add(out, e.getKey(), domain, new ZoneRecord.A(fmt(ip))));
      }
    }
    for (Map.Entry<String, JsonNode> e : entries(recs.get("AAAAs"))) {
      for (String v : strings(e.getValue())) {
        IpLiterals.parse(v)
            .filter(IpLiterals::isV6)
            .ifPresent(ip -> add(out, e.getKey(), domain, new ZoneRecord.Aaaa(fmt(ip))));
      }
    }
    for (Map.Entry<String, JsonNode> e : entries(recs.get("SRVs"))) {
      for (String v : strings(e.getValue())) {
        srv(v, domain).ifPresent(r -> add(out, e.getKey(), domain, r));
      }
    }
    return ZoneOrder.canonical(new DnsZone(ZONE, out));
  }

  /** {@code <n>.<domain>[.]} → {@code <n>.mesos.thisdcos.directory}; empty if outside domain. */
  static Optional<String> rename(String name, String domain) {
    String n = trimDot(name.toLowerCase(Locale.ROOT));
    if (n.equals(domain)) {
      return Optional.of(ZONE);
    }
    if (n.endsWith("." + domain)) {
      return Optional.of(n.substring(0, n.length() - domain.length()) + ZONE);
    }
    return Optional.empty();
  }

  private static Optional<ZoneRecord> srv(String value, String domain) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (port < 0 || port > 65535) {
      return Optional.empty();
    }
    String target = value.substring(0, colon);
    String renamed = rename(target, domain).orElse(trimDot(target.toLowerCase(Locale.ROOT)));
    return Optional.of(new ZoneRecord.Srv(1, 1, port, renamed));
  }

  private static void add(
      Map<String, List<ZoneRecord>> out, String owner, String domain, ZoneRecord r) {
    rename(owner, domain).ifPresent(n -> out.computeIfAbsent(n, k -> new ArrayList<>()).add(r));
  }

  private static List<Map.Entry<String, JsonNode>> entries(JsonNode obj) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    if (obj != null && obj.isObject()) {
      out.addAll(obj.properties());
    }
    return out;
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    if (arr != null && arr.isArray()) {
      arr.forEach(
          v -> {
            if (v.isTextual()) {
              out.add(v.asText());
            }
          });
    }
    return out;
  }

  private static String fmt(InetAddress ip) {
    return IpLiterals.format(ip);
  }

  private static String trimDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
