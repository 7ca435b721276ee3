package io.dcnet.nodedns.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.core.json.Json;
import io.dcnet.core.net.HostPort;
import io.dcnet.core.net.IpLiterals;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code dcos-dns.json} (dcos-net's keys plus dcnet's) into a {@link NodeDnsConfig}. Keys are
 * exact; an unknown key, a wrong JSON type or a bad value fails with a {@link
 * NodeDnsConfigException} naming the key and the expected form. Absent keys keep {@link
 * NodeDnsConfig#defaults()}.
 *
 * <p>Thread-safe: stateless.
 */
public final class NodeDnsConfigLoader {
  /** Mesos-DNS's port on the masters. */
  public static final int MESOS_DNS_PORT = 61053;

  private static final Set<String> RESERVED_ZONE_LABELS = Set.of("l4lb", "mesos", "dcos");
  private static final String THISDCOS = "thisdcos.directory";
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern ZBASE32 = Pattern.compile("[ybndrfg8ejkmcpqxot1uwisza345h769]+");

  private NodeDnsConfigLoader() {}

  /** Loads the file at {@code path}. */
  public static NodeDnsConfig load(Path path) throws NodeDnsConfigException {
    try {
      return parse(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new NodeDnsConfigException(
          "config file: " + path + " (expected: a readable JSON file: " + e + ")", e);
    }
  }

  /** Parses config JSON. */
  public static NodeDnsConfig parse(byte[] json) throws NodeDnsConfigException {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new NodeDnsConfigException(
          "config: malformed JSON: " + e.getOriginalMessage() + " (expected: a JSON object)", e);
    } catch (IOException e) {
      throw new NodeDnsConfigException("config: unreadable (" + e.getMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new NodeDnsConfigException("config: not an object (expected: a JSON object)");
    }
    NodeDnsConfig c = NodeDnsConfig.defaults();
    List<InetAddress> bindIps = c.bindIps();
    List<InetAddress> blacklist = c.bindIpBlacklist();
    String iface = c.bindInterface();
    Integer udp = null;
    Integer tcp = null;
    Duration upstreamTimeout = c.upstreamTimeout();
    Duration forwardTimeout = c.forwardTimeout();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      switch (key) {
        case "upstream_resolvers" -> c = c.withUpstreamResolvers(resolvers(key, v, 53));
        case "forward_zones" -> c = c.withForwardZones(forwardZones(key, v));
        case "bind_ips" -> bindIps = ips(key, v);
        case "bind_ip_blacklist" -> blacklist = ips(key, v);
        case "bind_interface" -> iface = string(key, v, "an interface name such as \"spartan\"");
        case "udp_port" -> udp = integer(key, v, 0, 65535);
        case "tcp_port" -> tcp = integer(key, v, 0, 65535);
        case "loadbalance" ->
            c =
                c.withLoadBalance(
                    LoadBalance.parse(string(key, v, "round_robin, random or none"))
                        .orElseThrow(() -> bad(key, v, "round_robin, random or none")));
        case "handler_limit" -> c = c.withHandlerLimit(integer(key, v, 1, 1 << 20));
        case "mesos_resolvers" -> c = c.withMesosResolvers(resolvers(key, v, MESOS_DNS_PORT));
        case "zones" -> c = c.withZones(zones(key, v));
        case "crypto_id" -> c = c.withCryptoId(cryptoId(key, v));
        case "upstream_timeout_ms" ->
            upstreamTimeout = Duration.ofMillis(integer(key, v, 1, 600_000));
        case "forward_timeout_ms" ->
            forwardTimeout = Duration.ofMillis(integer(key, v, 1, 600_000));
        default ->
            throw new NodeDnsConfigException(
                key
                    + ": unknown key (expected one of: upstream_resolvers, forward_zones,"
                    + " bind_ips, bind_ip_blacklist, bind_interface, udp_port, tcp_port,"
                    + " loadbalance, handler_limit, mesos_resolvers, zones, crypto_id,"
                    + " upstream_timeout_ms, forward_timeout_ms)");
      }
    }
    int udpPort = udp != null ? udp : tcp != null ? tcp : c.udpPort();
    int tcpPort = tcp != null ? tcp : udpPort;
    if (udpPort != tcpPort) {
      throw new NodeDnsConfigException(
          "tcp_port: " + tcpPort + " (expected: equal to udp_port " + udpPort + ")");
    }
    c = c.withBind(bindIps, iface, udpPort).withTimeouts(upstreamTimeout, forwardTimeout);
    return new NodeDnsConfig(
        c.upstreamResolvers(),
        c.forwardZones(),
        c.bindIps(),
        blacklist,
        c.bindInterface(),
        c.udpPort(),
        c.tcpPort(),
        c.loadBalance(),
        c.handlerLimit(),
        c.mesosResolvers(),
        c.zones(),
        c.cryptoId(),
        c.upstreamTimeout(),
        c.forwardTimeout());
  }

  private static NodeDnsConfigException bad(String key, JsonNode v, String expected) {
    return new NodeDnsConfigException(key + ": " + v + " (expected: " + expected + ")");
  }

  private static String string(String key, JsonNode v, String expected)
      throws NodeDnsConfigException {
    if (!v.isTextual()) {
      throw bad(key, v, "a string: " + expected);
    }
    return v.asText();
  }

  private static int integer(String key, JsonNode v, int min, int max)
      throws NodeDnsConfigException {
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
      throw bad(key, v, "an integer " + min + "-" + max);
    }
    return v.asInt();
  }

  private static List<JsonNode> array(String key, JsonNode v, String expected)
      throws NodeDnsConfigException {
    if (!v.isArray()) {
      throw bad(key, v, "an array of " + expected);
    }
    List<JsonNode> out = new ArrayList<>();
    v.forEach(out::add);
    return out;
  }

  /** {@code ["ip", "ip:port", "[v6]:port"]}. */
  static List<InetSocketAddress> resolvers(String key, JsonNode v, int defaultPort)
      throws NodeDnsConfigException {
    String form = "\"ip[:port]\" strings, e.g. [\"8.8.8.8\", \"10.0.0.1:53\"]";
    List<InetSocketAddress> out = new ArrayList<>();
    for (JsonNode n : array(key, v, form)) {
      HostPort hp = n.isTextual() ? HostPort.parse(n.asText(), defaultPort).orElse(null) : null;
      InetAddress ip = hp == null ? null : IpLiterals.parse(hp.host()).orElse(null);
      if (ip == null || hp.port() == 0) {
        throw new NodeDnsConfigException(key + ": " + n + " (expected: an array of " + form + ")");
      }
      out.add(new InetSocketAddress(ip, hp.port()));
    }
    return out;
  }

  private static List<InetAddress> ips(String key, JsonNode v) throws NodeDnsConfigException {
    List<InetAddress> out = new ArrayList<>();
    for (JsonNode n : array(key, v, "IP literals")) {
      InetAddress ip = n.isTextual() ? IpLiterals.parse(n.asText()).orElse(null) : null;
      if (ip == null) {
        throw new NodeDnsConfigException(
            key + ": " + n + " (expected: an array of IP literals, e.g. [\"10.0.0.1\"])");
      }
      out.add(ip);
    }
    return out;
  }

  private static Map<String, List<InetSocketAddress>> forwardZones(String key, JsonNode v)
      throws NodeDnsConfigException {
    if (!v.isObject()) {
      throw bad(key, v, "an object of zone → [\"ip[:port]\", ...]");
    }
    Map<String, List<InetSocketAddress>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      String zone = domain(key, e.getKey());
      out.put(zone, resolvers(key + "." + e.getKey(), e.getValue(), 53));
    }
    return out;
  }

  /**
   * {@code {"component.thisdcos.directory": [{"type": "cname", "name": "registry", "value":
   * "master.dcos.thisdcos.directory"}]}}; {@code name} is relative to the zone.
   */
  private static Map<String, DnsZone> zones(String key, JsonNode v) throws NodeDnsConfigException {
    String form =
        "an object of \"<x>.thisdcos.directory\" → [{\"type\": \"cname\", \"name\": label,"
            + " \"value\": target}]";
    if (!v.isObject()) {
      throw bad(key, v, form);
    }
    Map<String, DnsZone> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      String zone = domain(key, e.getKey());
      String sub = key + "." + e.getKey();
      if (!zone.endsWith("." + THISDCOS)) {
        throw new NodeDnsConfigException(
            sub + ": zone outside thisdcos.directory (expected: <x>.thisdcos.directory)");
      }
      String[] labels = zone.substring(0, zone.length() - THISDCOS.length() - 1).split("\\.");
      if (RESERVED_ZONE_LABELS.contains(labels[labels.length - 1])) {
        throw new NodeDnsConfigException(
            sub + ": reserved zone (expected: a zone not under l4lb, mesos or dcos)");
      }
      Map<String, List<ZoneRecord>> records = new LinkedHashMap<>();
      for (JsonNode r : array(sub, e.getValue(), "cname entries")) {
        JsonNode type = Json.field(r, "type");
        JsonNode name = Json.field(r, "name");
        JsonNode value = Json.field(r, "value");
        if (r.size() != 3
            || type == null
            || !"cname".equalsIgnoreCase(type.asText())
            || name == null
            || !name.isTextual()
            || value == null
            || !value.isTextual()) {
          throw new NodeDnsConfigException(
              sub + ": " + r + " (expected: {\"type\": \"cname\", \"name\": ..., \"value\": ...})");
        }
        String owner = domain(sub, name.asText()) + "." + zone;
        records
            .computeIfAbsent(owner, k -> new ArrayList<>())
            .add(new ZoneRecord.Cname(domain(sub, value.asText())));
      }
      out.put(zone, new DnsZone(zone, records));
    }
    return out;
  }

  /** A domain name: lower-cased, trailing dot removed, every label [a-z0-9-]. */
  static String domain(String key, String text) throws NodeDnsConfigException {
    String d = text.toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.isEmpty() || d.length() > 253) {
      throw new NodeDnsConfigException(
          key + ": \"" + text + "\" (expected: a domain name such as example.com)");
    }
    for (String label : d.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw new NodeDnsConfigException(
            key + ": \"" + text + "\" (expected: a domain name such as example.com)");
      }
    }
    return d;
  }

  private static String cryptoId(String key, JsonNode v) throws NodeDnsConfigException {
    String form = "a zbase32 string (lower case) or \"\"";
    String s = string(key, v, form);
    if (!s.isEmpty() && !ZBASE32.matcher(s).matches()) {
      throw bad(key, v, form);
    }
    return s;
  }
}
