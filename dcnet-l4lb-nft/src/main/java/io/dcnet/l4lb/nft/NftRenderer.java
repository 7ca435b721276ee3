package io.dcnet.l4lb.nft;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns an {@link L4Snapshot} into one nft script that replaces dcnet's table as a single
 * transaction ({@code nft -f -}). The layout is described in this module's README: base chains
 * {@code output} and {@code prerouting} (nat, dstnat) jump to {@code services}, which looks up
 * {@code (l4proto, daddr, dport)} in the verdict maps {@code services4} / {@code services6}. A
 * service with live destinations goes to the shared chain {@code pick4-<K>} (or {@code pick6-<K>}),
 * where {@code K} is its slot count ({@link SlotPlan}); that chain DNATs to the destination stored
 * for {@code (daddr, dport, numgen random mod K)} in the protocol's slot map ({@code slots4-tcp},
 * {@code slots4-udp}, {@code slots6-tcp}, {@code slots6-udp}). A service without live destinations
 * goes to {@code refuse}. Weights that the slot counts do not show (weight 0, scaled or reduced
 * weights) are kept in {@code weights4} / {@code weights6} for the read-back; {@code postrouting}
 * masquerades hairpin flows listed in {@code hairpin4} / {@code hairpin6}. Per-service state is
 * only map elements, so a backend change is an element update: no rule is added and the kernel does
 * not re-validate 10,000 chains.
 *
 * <p>Pure and stateless: thread-safe.
 */
public final class NftRenderer {
  /** The packet-mark bit a pick chain sets so that postrouting may masquerade (kube-proxy's). */
  public static final int MASQUERADE_MARK = 0x4000;

  /** Priority of the nat base chains that DNAT (the {@code dstnat} level). */
  public static final int DSTNAT_PRIORITY = -100;

  /** Priority of the nat base chain that masquerades (the {@code srcnat} level). */
  public static final int SRCNAT_PRIORITY = 100;

  /** The chain of services that refuse new connections (no destination with weight &gt; 0). */
  static final String REFUSE_CHAIN = "refuse";

  /**
   * Pick chains for 1 to this many slots exist in every table, used or not, so that a drain or a
   * restore among common slot counts only moves a verdict element: adding a rule makes the kernel
   * re-validate every chain reachable from the verdict maps, and a drain that needed a new chain
   * took twice as long (bench/RESULTS.md). Chains for more slots exist only while used.
   */
  static final int STANDING_SLOTS = 16;

  private static final Set<String> STANDING_CHAINS = pickChainsUpTo(STANDING_SLOTS);

  private static final String MARK_TEXT = String.format("0x%08x", MASQUERADE_MARK);

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");

  private NftRenderer() {}

  /**
   * Checks an nft table name.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static String checkTableName(String table) {
    if (table == null || !TABLE_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "table: " + table + " (expected: a letter, then up to 31 of [A-Za-z0-9_-])");
    }
    return table;
  }

  /**
   * The nft script that makes table {@code inet <table>} hold exactly {@code snapshot}: {@code add
   * table} (so that the delete cannot fail), {@code delete table}, then the full definition.
   *
   * @throws IllegalArgumentException when a destination's address family differs from its service's
   *     (nftables cannot translate between IPv4 and IPv6)
   */
  public static String render(L4Snapshot snapshot, String table) {
    checkTableName(table);
    checkFamilies(snapshot);
    StringBuilder out = new StringBuilder(4096 + snapshot.destinationCount() * 96);
    out.append("add table inet ").append(table).append('\n');
    out.append("delete table inet ").append(table).append('\n');
    out.append("table inet ").append(table).append(" {\n");
    TreeSet<String> pickChains = standingChains();
    for (boolean v6 : new boolean[] {false, true}) {
      String f = v6 ? "6" : "4";
      List<String> services = new ArrayList<>();
      Map<Protocol, List<String>> slots = new EnumMap<>(Protocol.class);
      List<String> weights = new ArrayList<>();
      for (Map.Entry<ServiceKey, List<Destination>> e : snapshot.services().entrySet()) {
        ServiceKey k = e.getKey();
        if (k.isV6() == v6) {
          SlotPlan plan = SlotPlan.of(e.getValue());
          String chain = verdictChain(k, plan.total());
          services.add(NftElements.keyElement(k) + " : goto " + chain);
          if (plan.total() > 0) {
            pickChains.add(chain);
          }
          NftElements.slotElements(
              k, plan, slots.computeIfAbsent(k.protocol(), p -> new ArrayList<>()));
          plan.recorded().forEach(d -> weights.add(NftElements.weightElement(k, d)));
        }
      }
      String addr = v6 ? "ipv6_addr" : "ipv4_addr";
      String ip = v6 ? "ip6" : "ip";
      out.append("  map services").append(f).append(" {\n");
      out.append("    type inet_proto . ").append(addr).append(" . inet_service : verdict\n");
      elements(out, services);
      out.append("  }\n");
      for (Protocol p : Protocol.values()) {
        out.append("  map ").append(slotsMap(v6, p)).append(" {\n");
        out.append("    typeof ").append(ip).append(" daddr . ").append(p.wireName());
        out.append(" dport . numgen random mod 1 : ").append(ip).append(" daddr . ");
        out.append(p.wireName()).append(" dport\n");
        elements(out, slots.getOrDefault(p, List.of()));
        out.append("  }\n");
      }
      out.append("  map weights").append(f).append(" {\n");
      out.append("    type inet_proto . ").append(addr).append(" . inet_service . ");
      out.append(addr).append(" . inet_service : mark\n");
      elements(out, weights);
      out.append("  }\n");
      out.append("  set hairpin").append(f).append(" {\n");
      out.append("    type ").append(addr).append(" . ").append(addr).append('\n');
      elements(out, new ArrayList<>(NftElements.hairpinElements(snapshot, v6)));
      out.append("  }\n");
    }
    out.append("  chain services {\n");
    out.append("    meta l4proto . ip daddr . th dport vmap @services4\n");
    out.append("    meta l4proto . ip6 daddr . th dport vmap @services6\n");
    out.append("  }\n");
    baseChain(out, "output", "nat hook output priority " + DSTNAT_PRIORITY);
    out.append("    jump services\n  }\n");
    baseChain(out, "prerouting", "nat hook prerouting priority " + DSTNAT_PRIORITY);
    out.append("    jump services\n  }\n");
    baseChain(out, "postrouting", "nat hook postrouting priority " + SRCNAT_PRIORITY);
    out.append("    meta mark & ").append(MARK_TEXT).append(" == 0 return\n");
    out.append("    meta mark set meta mark ^ ").append(MARK_TEXT).append('\n');
    out.append("    ip saddr . ip daddr @hairpin4 masquerade\n");
    out.append("    ip6 saddr . ip6 daddr @hairpin6 masquerade\n");
    out.append("  }\n");
    out.append("  chain ").append(REFUSE_CHAIN).append(" {\n");
    out.append("    meta l4proto tcp reject with tcp reset\n");
    out.append("    reject\n");
    out.append("  }\n");
    for (String chain : pickChains) {
      out.append("  chain ").append(chain).append(" {\n");
      for (String rule : pickRules(chain)) {
        out.append("    ").append(rule).append('\n');
      }
      out.append("  }\n");
    }
    out.append("}\n");
    return out.toString();
  }

  /** The script that removes table {@code inet <table>}; succeeds also when it does not exist. */
  public static String renderDelete(String table) {
    checkTableName(table);
    return "add table inet " + table + "\ndelete table inet " + table + "\n";
  }

  /** The pick chains every table has ({@link #STANDING_SLOTS}), both families; a new set. */
  static TreeSet<String> standingChains() {
    return new TreeSet<>(STANDING_CHAINS);
  }

  private static Set<String> pickChainsUpTo(int slots) {
    TreeSet<String> out = new TreeSet<>();
    for (int k = 1; k <= slots; k++) {
      out.add("pick4-" + k);
      out.add("pick6-" + k);
    }
    return Collections.unmodifiableSet(out);
  }

  /** Whether {@code chain} is one of the {@link #standingChains}. */
  static boolean isStanding(String chain) {
    return STANDING_CHAINS.contains(chain);
  }

  /**
   * The chain a service's verdict-map element goes to: {@code pick4-<slots>} / {@code
   * pick6-<slots>}, or {@link #REFUSE_CHAIN} when it has no slot.
   */
  static String verdictChain(ServiceKey key, int slots) {
    if (slots == 0) {
      return REFUSE_CHAIN;
    }
    return (key.isV6() ? "pick6-" : "pick4-") + slots;
  }

  /**
   * The rules of a pick chain: set the masquerade mark (for hairpin flows), then DNAT to the
   * destination of slot {@code numgen random mod K} in the protocol's slot map. {@code chain} is
   * {@code pick4-<K>} or {@code pick6-<K>}. (One slot map per protocol because nft 1.0.6 cannot add
   * a rule that looks up a map whose {@code typeof} key has {@code th dport} once that map is in
   * the kernel: "conflicting protocols specified".)
   */
  static List<String> pickRules(String chain) {
    boolean v6 = chain.startsWith("pick6-");
    String ip = v6 ? "ip6" : "ip";
    int k = Integer.parseInt(chain.substring("pick4-".length()));
    List<String> rules = new ArrayList<>();
    rules.add("meta mark set meta mark | " + MARK_TEXT);
    for (Protocol p : Protocol.values()) {
      String proto = p.wireName();
      rules.add(
          "meta l4proto "
              + proto
              + " dnat "
              + ip
              + " to "
              + ip
              + " daddr . "
              + proto
              + " dport . numgen random mod "
              + k
              + " map @"
              + slotsMap(v6, p));
    }
    return rules;
  }

  /** The slot map of a family and protocol: {@code slots4-tcp}, {@code slots6-udp}, ... */
  static String slotsMap(boolean v6, Protocol p) {
    return (v6 ? "slots6-" : "slots4-") + p.wireName();
  }

  private static void baseChain(StringBuilder out, String name, String hook) {
    out.append("  chain ").append(name).append(" {\n");
    out.append("    type ").append(hook).append("; policy accept;\n");
  }

  private static void elements(StringBuilder out, List<String> elements) {
    if (elements.isEmpty()) {
      return;
    }
    out.append("    elements = {\n");
    for (int i = 0; i < elements.size(); i++) {
      out.append("      ").append(elements.get(i)).append(i + 1 < elements.size() ? ",\n" : "\n");
    }
    out.append("    }\n");
  }

  static void checkFamilies(L4Snapshot snapshot) {
    snapshot.services().forEach(NftRenderer::checkFamilies);
  }

  /**
   * Checks that a service's destinations have its address family.
   *
   * @throws IllegalArgumentException naming the first destination that does not
   */
  static void checkFamilies(ServiceKey k, List<Destination> dests) {
    for (Destination d : dests) {
      if (IpLiterals.isV6(d.address()) != k.isV6()) {
        throw new IllegalArgumentException(
            "destination: "
                + d
                + " of "
                + k
                + " (expected: the same address family as the service)");
      }
    }
  }
}
