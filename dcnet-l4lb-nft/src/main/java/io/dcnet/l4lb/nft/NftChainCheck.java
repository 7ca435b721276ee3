package io.dcnet.l4lb.nft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The quick check of the table: compares the chains of {@code nft -j list chains inet} (names, and
 * type, hook, priority and policy of base chains) with the chains {@link NftRenderer} writes for a
 * snapshot. Listing chains does not load set elements, so it takes milliseconds where listing the
 * whole table takes seconds at 10,000 VIPs; it catches a deleted table ({@code nft flush ruleset},
 * a firewall service restart) and added, deleted or re-hooked chains, not changed rules or map
 * elements (the full read-back does those).
 *
 * <p>Stateless: thread-safe.
 */
final class NftChainCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NftChainCheck() {}

  /** The chains of the table NftRenderer writes for {@code snapshot}, as {@link #describe}s. */
  static TreeSet<String> expected(L4Snapshot snapshot) {
    TreeSet<String> chains = new TreeSet<>();
    chains.add("services");
    chains.add(NftRenderer.REFUSE_CHAIN);
    chains.add(describe("output", "nat", "output", NftRenderer.DSTNAT_PRIORITY, "accept"));
    chains.add(describe("prerouting", "nat", "prerouting", NftRenderer.DSTNAT_PRIORITY, "accept"));
    chains.add(
        describe("postrouting", "nat", "postrouting", NftRenderer.SRCNAT_PRIORITY, "accept"));
    chains.addAll(NftRenderer.standingChains());
    for (Map.Entry<ServiceKey, List<Destination>> e : snapshot.services().entrySet()) {
      int slots = SlotPlan.total(e.getValue());
      if (slots > 0) {
        chains.add(NftRenderer.verdictChain(e.getKey(), slots));
      }
    }
    return chains;
  }

  /**
   * The chains of {@code inet <table>} in the JSON of {@code nft -j list chains inet}, as {@link
   * #describe}s; empty when the table has none or does not exist.
   *
   * @throws IOException when the JSON is malformed
   */
  static TreeSet<String> installed(String json, String table) throws IOException {
    JsonNode root = JSON.readTree(json).path("nftables");
    if (!root.isArray()) {
      throw new IOException("nft -j output: no \"nftables\" array");
    }
    TreeSet<String> chains = new TreeSet<>();
    for (JsonNode item : root) {
      JsonNode c = item.path("chain");
      if (!c.isObject() || !"inet".equals(c.path("family").asText())) {
        continue;
      }
      if (!table.equals(c.path("table").asText())) {
        continue;
      }
      String name = c.path("name").asText();
      chains.add(
          c.has("hook")
              ? describe(
                  name,
                  c.path("type").asText(),
                  c.path("hook").asText(),
                  c.path("prio").asInt(),
                  c.path("policy").asText())
              : name);
    }
    return chains;
  }

  /** What differs between the expected and the installed chains, or empty. */
  static Optional<String> compare(TreeSet<String> expected, TreeSet<String> installed) {
    if (installed.isEmpty()) {
      return Optional.of("no chains (table deleted or flushed)");
    }
    TreeSet<String> missing = new TreeSet<>(expected);
    missing.removeAll(installed);
    TreeSet<String> unexpected = new TreeSet<>(installed);
    unexpected.removeAll(expected);
    if (missing.isEmpty() && unexpected.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder("chains");
    if (!missing.isEmpty()) {
      out.append(" missing ").append(missing);
    }
    if (!unexpected.isEmpty()) {
      out.append(" unexpected ").append(unexpected);
    }
    return Optional.of(out.toString());
  }

  /** A base chain as the check compares it: {@code output (nat output -100 accept)}. */
  static String describe(String name, String type, String hook, int priority, String policy) {
    return name + " (" + type + " " + hook + " " + priority + " " + policy + ")";
  }
}
