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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON of {@code nft -j list table inet <table>} back into an {@link L4Snapshot},
 * following the layout {@link NftRenderer} writes: services from the verdict maps {@code
 * services4/6} ({@code goto pick4-<K>}, {@code pick6-<K>} or {@code refuse}), each destination's
 * weight from the number of its slots in the slot maps ({@code slots4-tcp}, ...) unless {@code
 * weights4/6} records it. Chains and anything else in the table are ignored. A table that does not
 * follow the layout (a slot outside its service's range, a missing slot, an element of an unknown
 * service, another verdict) is an error, so that the caller replaces it.
 *
 * <p>Stateless: thread-safe.
 */
public final class NftTableParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PICK = Pattern.compile("pick[46]-([1-9][0-9]{0,6})");

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
    Map<ServiceKey, Integer> slotCounts = new TreeMap<>();
    Map<ServiceKey, Map<Integer, Endpoint>> slots = new HashMap<>();
    Map<ServiceKey, Map<Endpoint, Integer>> weights = new HashMap<>();
    for (JsonNode item : root) {
      JsonNode map = item.path("map");
      String name = map.path("name").asText();
      for (JsonNode elem : map.path("elem")) {
        switch (name) {
          case "services4", "services6" -> {
            ServiceKey key = serviceKey(elem.path(0).path("concat"), name);
            slotCounts.put(key, slotCount(elem.path(1).path("goto").path("target"), name, key));
          }
          case "slots4-tcp", "slots4-udp", "slots6-tcp", "slots6-udp" -> {
            JsonNode c = elem.path(0).path("concat");
            JsonNode index = c.path(2);
            if (!index.canConvertToInt() || index.asInt() < 0) {
              throw new IOException(name + ": slot " + index + " (expected: 0 or more)");
            }
            ServiceKey key =
                new ServiceKey(
                    Protocol.parse(name.substring(name.indexOf('-') + 1)),
                    address(c.path(0), name),
                    port(c.path(1)));
            slots
                .computeIfAbsent(key, k -> new HashMap<>())
                .put(index.asInt(), endpoint(elem.path(1).path("concat"), 0, name));
          }
          case "weights4", "weights6" -> {
            JsonNode w = elem.path(1);
            if (!w.canConvertToInt() || w.asInt() < 0) {
              throw new IOException(name + ": weight " + w + " (expected: 0 or more)");
            }
            JsonNode c = elem.path(0).path("concat");
            weights
                .computeIfAbsent(serviceKey(c, name), k -> new HashMap<>())
                .put(endpoint(c, 3, name), w.asInt());
          }
          default -> {
            // another map: not part of the layout
          }
        }
      }
    }
    for (ServiceKey key : slots.keySet()) {
      requireService(slotCounts, key, "slots map");
    }
    for (ServiceKey key : weights.keySet()) {
      requireService(slotCounts, key, "weights map");
    }
    Map<ServiceKey, List<Destination>> services = new TreeMap<>();
    for (Map.Entry<ServiceKey, Integer> e : slotCounts.entrySet()) {
      services.put(
          e.getKey(),
          destinations(
              e.getKey(),
              e.getValue(),
              slots.getOrDefault(e.getKey(), Map.of()),
              weights.getOrDefault(e.getKey(), Map.of())));
    }
    return L4Snapshot.of(services);
  }

  /** A service's destinations: slot counts, overridden by recorded weights. */
  private static List<Destination> destinations(
      ServiceKey key, int slotCount, Map<Integer, Endpoint> slots, Map<Endpoint, Integer> weights)
      throws IOException {
    Map<Endpoint, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < slotCount; i++) {
      Endpoint owner = slots.get(i);
      if (owner == null) {
        throw new IOException(key + ": slot " + i + " of " + slotCount + " is missing");
      }
      counts.merge(owner, 1, Integer::sum);
    }
    if (slots.size() != slotCount) {
      throw new IOException(
          key + ": " + slots.size() + " slots (expected: " + slotCount + ", its pick chain's)");
    }
    counts.putAll(weights);
    List<Destination> out = new ArrayList<>();
    for (Map.Entry<Endpoint, Integer> c : counts.entrySet()) {
      out.add(new Destination(c.getKey().address(), c.getKey().port(), c.getValue()));
    }
    return out;
  }

  private static int slotCount(JsonNode target, String where, ServiceKey key) throws IOException {
    String chain = target.asText("");
    if (chain.equals(NftRenderer.REFUSE_CHAIN)) {
      return 0;
    }
    Matcher m = PICK.matcher(chain);
    if (!m.matches()
        || !chain.equals(NftRenderer.verdictChain(key, Integer.parseInt(m.group(1))))) {
      throw new IOException(
          where
              + ": "
              + key
              + " goes to "
              + (chain.isEmpty() ? "no goto verdict" : chain)
              + " (expected: goto "
              + (key.isV6() ? "pick6" : "pick4")
              + "-<slots> or refuse)");
    }
    return Integer.parseInt(m.group(1));
  }

  private static void requireService(
      Map<ServiceKey, Integer> services, ServiceKey key, String where) throws IOException {
    if (!services.containsKey(key)) {
      throw new IOException(where + ": entry for " + key + " which is not in a services map");
    }
  }

  /** A destination address and port, without weight. */
  private record Endpoint(InetAddress address, int port) {}

  private static Endpoint endpoint(JsonNode concat, int from, String where) throws IOException {
    return new Endpoint(address(concat.path(from), where), port(concat.path(from + 1)));
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
