package io.dcnet.daemon.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.json.Json;
import io.dcnet.core.net.HostPort;
import io.dcnet.core.net.IpLiterals;
import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.nodedns.config.NodeDnsConfigException;
import io.dcnet.nodedns.config.NodeDnsConfigLoader;
import io.dcnet.state.ClusterStateConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the JSON config of {@code dcnet master|agent} into a {@link NodeConfig}. Keys are
 * snake_case; unknown keys and malformed values are rejected with {@code key: value (expected:
 * form)}.
 *
 * <p>Stateless; thread-safe.
 */
public final class NodeConfigParser {
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private static final ConfigFields F = new ConfigFields("");

  private NodeConfigParser() {}

  /** Loads the file at {@code path}. */
  public static NodeConfig load(Path path) throws NodeConfigException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new NodeConfigException(
          "config: " + path + " (expected: a readable JSON file: " + e.getMessage() + ")", e);
    }
    return parse(bytes);
  }

  /** Parses the config JSON. */
  public static NodeConfig parse(byte[] json) throws NodeConfigException {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new NodeConfigException(
          "config: malformed JSON: " + e.getOriginalMessage() + " (expected: a JSON object)", e);
    } catch (IOException e) {
      throw new NodeConfigException("config: unreadable (" + e.getMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new NodeConfigException("config: not an object (expected: a JSON object)");
    }
    String clusterId = null;
    String nodeId = null;
    String ip = null;
    List<String> masters = null;
    int statePort = ClusterStateConfig.DEFAULT_PORT;
    Path stateDir = Path.of("/var/lib/dcnet/state");
    Path tlsDir = null;
    long removalSeconds = 180;
    URI mesosUrl = null;
    URI axfr = URI.create("http://127.0.0.1:8123/v1/axfr");
    NodeDnsConfig dns = NodeDnsConfig.defaults();
    boolean dnsBindSet = false;
    boolean dnsMesosSet = false;
    InetSocketAddress rest = new InetSocketAddress("127.0.0.1", 62080);
    L4lbConfig l4lb = L4lbConfig.defaults();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      switch (key) {
        case "cluster_id" -> {
          clusterId = F.text(key, v, "1-48 letters, digits or '-', e.g. a UUID");
          try {
            ClusterStateConfig.validateClusterId(clusterId);
          } catch (IllegalArgumentException ex) {
            throw F.bad(key, v, "1-48 letters, digits or '-', starting with a letter or digit");
          }
        }
        case "node_id" -> {
          nodeId = F.text(key, v, "1-100 letters, digits or ._:-");
          if (!NODE_ID.matcher(nodeId).matches()) {
            throw F.bad(key, v, "1-100 letters, digits or ._:-");
          }
        }
        case "ip" -> {
          ip = F.text(key, v, "this node's IP address");
          if (!IpLiterals.isLiteral(ip)) {
            throw F.bad(key, v, "this node's IP address, e.g. \"10.0.0.5\"");
          }
        }
        case "masters" -> masters = strings(key, v, "a non-empty list of master IPs");
        case "state_port" -> statePort = (int) F.integer(key, v, 0, 65535, "a port 0-65535");
        case "state_dir" -> stateDir = Path.of(F.text(key, v, "a directory path"));
        case "tls_dir" -> {
          String t = F.text(key, v, "a directory holding node.key, node.crt and ca.crt");
          tlsDir = t.isEmpty() ? null : Path.of(t);
        }
        case "unreachable_removal_seconds" ->
            removalSeconds = F.integer(key, v, 1, 86_400, "seconds, 1-86400");
        case "mesos_url" -> mesosUrl = url(key, v, false);
        case "mesos_dns_axfr_url" -> axfr = url(key, v, true);
        case "dns" -> {
          if (!v.isObject()) {
            throw F.bad(key, v, "a dcos-dns.json object");
          }
          dnsBindSet = v.has("bind_ips") || v.has("bind_interface");
          dnsMesosSet = v.has("mesos_resolvers");
          try {
            dns = NodeDnsConfigLoader.parse(Json.mapper().writeValueAsBytes(v));
          } catch (NodeDnsConfigException | IllegalArgumentException ex) {
            throw new NodeConfigException("dns: " + ex.getMessage(), ex);
          } catch (JsonProcessingException ex) {
            throw new NodeConfigException("dns: " + ex.getOriginalMessage(), ex);
          }
        }
        case "rest_bind" -> rest = restBind(key, v);
        case "l4lb" -> l4lb = L4lbConfigParser.parse(v);
        default ->
            throw new NodeConfigException(
                key
                    + ": unknown key (expected one of: cluster_id, node_id, ip, masters,"
                    + " state_port, state_dir, tls_dir, unreachable_removal_seconds, mesos_url,"
                    + " mesos_dns_axfr_url, dns, rest_bind, l4lb)");
      }
    }
    if (clusterId == null) {
      throw new NodeConfigException(
          "cluster_id: missing (expected: the cluster's id, e.g. a UUID)");
    }
    if (ip == null) {
      throw new NodeConfigException("ip: missing (expected: this node's IP address)");
    }
    if (masters == null || masters.isEmpty()) {
      throw new NodeConfigException("masters: missing (expected: a non-empty list of master IPs)");
    }
    List<HostPort> ms = new ArrayList<>();
    for (String m : masters) {
      ms.add(master(m, statePort));
    }
    return new NodeConfig(
        clusterId,
        nodeId == null ? ip : nodeId,
        ip,
        ms,
        statePort,
        stateDir,
        tlsDir,
        Duration.ofSeconds(removalSeconds),
        mesosUrl,
        axfr,
        dns,
        dnsBindSet,
        dnsMesosSet,
        rest,
        l4lb);
  }

  /** {@code ip} (port = state_port) or {@code ip:port} / {@code [v6]:port}. */
  private static HostPort master(String text, int statePort) throws NodeConfigException {
    if (IpLiterals.isLiteral(text)) {
      if (statePort == 0) {
        throw new NodeConfigException(
            "masters: " + text + " (expected: ip:port when state_port is 0)");
      }
      return new HostPort(text, statePort);
    }
    HostPort hp = HostPort.parse(text).orElse(null);
    if (hp == null || hp.port() == 0 || !IpLiterals.isLiteral(hp.host())) {
      throw new NodeConfigException(
          "masters: " + text + " (expected: a master IP, or ip:port with port 1-65535)");
    }
    return hp;
  }

  private static URI url(String key, JsonNode v, boolean emptyAllowed) throws NodeConfigException {
    String form = "an http:// URL" + (emptyAllowed ? ", or \"\" for off" : "");
    return F.httpUrl(key, v, form, emptyAllowed);
  }

  private static InetSocketAddress restBind(String key, JsonNode v) throws NodeConfigException {
    String t = F.text(key, v, "ip:port, e.g. \"127.0.0.1:62080\"");
    HostPort hp = HostPort.parse(t).orElse(null);
    if (hp == null || !IpLiterals.isLiteral(hp.host())) {
      throw F.bad(key, v, "ip:port, e.g. \"127.0.0.1:62080\"");
    }
    return new InetSocketAddress(IpLiterals.parse(hp.host()).orElseThrow(), hp.port());
  }

  private static List<String> strings(String key, JsonNode v, String form)
      throws NodeConfigException {
    if (!v.isArray() || v.isEmpty()) {
      throw F.bad(key, v, form);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : v) {
      if (!n.isTextual() || n.asText().isBlank()) {
        throw F.bad(key, v, form);
      }
      out.add(n.asText().trim());
    }
    return out;
  }
}
