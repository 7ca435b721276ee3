package io.dcnet.l4lb.nft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the JSON of {@code nft -j list table inet <table>} back into an {@link L4Snapshot},
 * following the layout {@link NftRenderer} writes: services from the verdict maps {@code
 * services4/6}, weights from the width of each {@code numgen} range in the service chain's DNAT
 * map, weight-0 destinations from the sets {@code drained4/6}. Anything else in the table is
 * ignored.
 *
 * <p>Stateless: thread-safe.
 */
public final class NftTableParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NftTableParser() {}

  /**
   * Parses {@code nft -j} output.
   *
   * @throws IOException when the JSON is malformed or does not have the layout NftRenderer writes
   */
  public static L4Snapshot parse(String json) throws IOException {
    JsonNode root = JSON.readTree(json).path("nftables");
    if (!root.isArray()) {
      throw new IOException("nft -j output: no \"nftables\" array");
    }
    Map<String, ServiceKey> chainToService = new HashMap<>();
    Map<ServiceKey, List<Destination>> services = new TreeMap<>();
    List<JsonNode> rules = new ArrayList<>();
    List<JsonNode> drained = new ArrayList<>();
    for (JsonNode item : root) {
      JsonNode map = item.path("map");
      String name = map.path("name").asText();
      if (name.equals("services4") || name.equals("services6")) {
        for (JsonNode elem : map.path("elem")) {
          ServiceKey key = serviceKey(elem.path(0).path("concat"), name);
          String chain = elem.path(1).path("goto").path("target").asText("");
          if (chain.isEmpty()) {
            throw new IOException(name + ": element for " + key + " without a goto verdict");
          }
          chainToService.put(chain, key);
          services.put(key, new ArrayList<>());
        }
      }
      String setName = item.path("set").path("name").asText();
      if (setName.equals("drained4") || setName.equals("drained6")) {
        item.path("set").path("elem").forEach(drained::add);
      }
      if (item.has("rule")) {
        rules.add(item.path("rule"));
      }
    }
    for (JsonNode rule : rules) {
      ServiceKey key = chainToService.get(rule.path("chain").asText());
      if (key != null) {
        readDnat(rule, key, services.get(key));
      }
    }
    for (JsonNode elem : drained) {
      JsonNode c = elem.path("concat");
      ServiceKey key = serviceKey(c, "drained set");
      List<Destination> dests = services.get(key);
      if (dests == null) {
        throw new IOException("drained set: entry for " + key + " which is not in a services map");
      }
      dests.add(new Destination(address(c.path(3), "drained set"), port(c.path(4)), 0));
    }
    return L4Snapshot.of(services);
  }

  /**
   * One destination rule: {@code numgen random mod R < w ... dnat to addr:port} (or {@code <= w-1}
   * for the last one) gives weight w.
   */
  private static void readDnat(JsonNode rule, ServiceKey key, List<Destination> into)
      throws IOException {
    int weight = -1;
    for (JsonNode expr : rule.path("expr")) {
      JsonNode match = expr.path("match");
      if (match.path("left").has("numgen")) {
        String op = match.path("op").asText();
        if (!match.path("right").canConvertToInt() || !(op.equals("<") || op.equals("<="))) {
          throw new IOException(
              NftRenderer.chainName(key)
                  + ": numgen match "
                  + match
                  + " (expected: < w or <= w-1)");
        }
        weight = match.path("right").asInt() + (op.equals("<=") ? 1 : 0);
      }
      JsonNode dnat = expr.path("dnat");
      if (!dnat.isMissingNode()) {
        if (weight < 1) {
          throw new IOException(NftRenderer.chainName(key) + ": dnat without a numgen weight");
        }
        into.add(
            new Destination(
                address(dnat.path("addr"), key.toString()), port(dnat.path("port")), weight));
      }
    }
  }

  private static ServiceKey serviceKey(JsonNode concat, String where) throws IOException {
    if (!concat.isArray() || concat.size() < 3) {
      throw new IOException(where + ": element " + concat + " (expected: proto . addr . port ...)");
    }
    Protocol protocol;
    String p = concat.path(0).asText();
    switch (p) {
      case "tcp", "6" -> protocol = Protocol.TCP;
      case "udp", "17" -> protocol = Protocol.UDP;
      default -> throw new IOException(where + ": protocol " + p + " (expected: tcp or udp)");
    }
    return new ServiceKey(protocol, address(concat.path(1), where), port(concat.path(2)));
  }

  private static InetAddress address(JsonNode node, String where) throws IOException {
    return IpLiterals.parse(node.asText())
        .orElseThrow(
            () -> new IOException(where + ": address " + node + " (expected: an IP literal)"));
  }

  private static int port(JsonNode node) throws IOException {
    if (node.canConvertToInt() && node.asInt() >= 1 && node.asInt() <= 65535) {
      return node.asInt();
    }
    try {
      int p = Integer.parseInt(node.asText());
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IOException("port: " + node + " (expected: 1-65535; run nft with numeric output)");
  }
}
