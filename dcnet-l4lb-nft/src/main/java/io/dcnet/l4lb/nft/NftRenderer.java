package io.dcnet.l4lb.nft;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns an {@link L4Snapshot} into one nft script that replaces dcnet's table as a single
 * transaction ({@code nft -f -}). The layout is described in this module's README: base chains
 * {@code output} and {@code prerouting} (nat, dstnat) jump to {@code services}, which looks up
 * {@code (l4proto, daddr, dport)} in the verdict maps {@code services4} / {@code services6} and
 * goes to one chain per service; that chain picks a destination with one {@code numgen random mod
 * <remaining weight> < <weight>} rule per destination and DNATs, or rejects when no destination has
 * weight &gt; 0. No anonymous maps: the kernel creates 10,000 of them in quadratic time (see the
 * README). Weight-0 destinations are kept in the sets {@code drained4} / {@code drained6}; {@code
 * postrouting} masquerades hairpin flows listed in {@code hairpin4} / {@code hairpin6}.
 *
 * <p>Pure and stateless: thread-safe.
 */
public final class NftRenderer {
  /** The packet-mark bit a service chain sets so that postrouting may masquerade (kube-proxy's). */
  public static final int MASQUERADE_MARK = 0x4000;

  /** Priority of the nat base chains that DNAT (the {@code dstnat} level). */
  public static final int DSTNAT_PRIORITY = -100;

  /** Priority of the nat base chain that masquerades (the {@code srcnat} level). */
  public static final int SRCNAT_PRIORITY = 100;

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
    StringBuilder out = new StringBuilder(256 + snapshot.destinationCount() * 64);
    out.append("add table inet ").append(table).append('\n');
    out.append("delete table inet ").append(table).append('\n');
    out.append("table inet ").append(table).append(" {\n");
    for (boolean v6 : new boolean[] {false, true}) {
      String f = v6 ? "6" : "4";
      String addr = v6 ? "ipv6_addr" : "ipv4_addr";
      List<String> services = new ArrayList<>();
      List<String> drained = new ArrayList<>();
      for (Map.Entry<ServiceKey, List<Destination>> e : snapshot.services().entrySet()) {
        ServiceKey k = e.getKey();
        if (k.isV6() == v6) {
          services.add(keyElement(k) + " : goto " + chainName(k));
          drained.addAll(drainedElements(k, e.getValue()));
        }
      }
      out.append("  map services").append(f).append(" {\n");
      out.append("    type inet_proto . ").append(addr).append(" . inet_service : verdict\n");
      elements(out, services);
      out.append("  }\n");
      out.append("  set drained").append(f).append(" {\n");
      out.append("    type inet_proto . ").append(addr).append(" . inet_service . ");
      out.append(addr).append(" . inet_service\n");
      elements(out, drained);
      out.append("  }\n");
      out.append("  set hairpin").append(f).append(" {\n");
      out.append("    type ").append(addr).append(" . ").append(addr).append('\n');
      elements(out, new ArrayList<>(hairpinElements(snapshot, v6)));
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
    snapshot.services().forEach((k, dests) -> serviceChain(out, k, dests));
    out.append("}\n");
    return out.toString();
  }

  /** The script that removes table {@code inet <table>}; succeeds also when it does not exist. */
  public static String renderDelete(String table) {
    checkTableName(table);
    return "add table inet " + table + "\ndelete table inet " + table + "\n";
  }

  /**
   * The name of a service's chain, e.g. {@code svc-tcp-11.0.0.1-80} or {@code svc-udp-fd01_c__1-53}
   * (IPv6 colons become underscores). Readback does not parse it: it follows the verdict maps.
   */
  public static String chainName(ServiceKey key) {
    return "svc-"
        + key.protocol().wireName()
        + "-"
        + IpLiterals.format(key.address()).replace(':', '_')
        + "-"
        + key.port();
  }

  private static void serviceChain(StringBuilder out, ServiceKey k, List<Destination> dests) {
    out.append("  chain ").append(chainName(k)).append(" {\n");
    for (String rule : chainRules(k, dests)) {
      out.append("    ").append(rule).append('\n');
    }
    out.append("  }\n");
  }

  /**
   * The rules of a service's chain: reject when no destination has weight &gt; 0; else the
   * masquerade mark, then one rule per destination that takes destination i with probability w_i /
   * (w_i + ... + w_n). Each rule draws a fresh number, so the overall chance of i is exactly w_i /
   * sum(w).
   */
  static List<String> chainRules(ServiceKey k, List<Destination> dests) {
    List<Destination> live = dests.stream().filter(d -> d.weight() > 0).toList();
    if (live.isEmpty()) {
      return List.of(
          k.protocol() == Protocol.TCP ? "meta l4proto tcp reject with tcp reset" : "reject");
    }
    List<String> rules = new ArrayList<>();
    rules.add("meta mark set meta mark | " + MARK_TEXT);
    int remaining = live.stream().mapToInt(Destination::weight).sum();
    for (Destination d : live) {
      // nft rejects "mod R < R" (R is out of the range 0..R-1): the last rule says "<= R-1"
      String test = d.weight() < remaining ? " < " + d.weight() : " <= " + (d.weight() - 1);
      String to =
          k.isV6()
              ? " dnat ip6 to [" + ip(d.address()) + "]:" + d.port()
              : " dnat ip to " + ip(d.address()) + ":" + d.port();
      rules.add(
          "numgen random mod "
              + remaining
              + test
              + " meta l4proto "
              + k.protocol().wireName()
              + to);
      remaining -= d.weight();
    }
    return rules;
  }

  /** The {@code drained4/6} elements of one service (its weight-0 destinations). */
  static List<String> drainedElements(ServiceKey k, List<Destination> dests) {
    return dests.stream()
        .filter(d -> d.weight() == 0)
        .map(d -> keyElement(k) + " . " + ip(d.address()) + " . " + d.port())
        .toList();
  }

  /** The {@code hairpin4/6} elements: {@code a . a} for every address with weight &gt; 0. */
  static TreeSet<String> hairpinElements(L4Snapshot snapshot, boolean v6) {
    TreeSet<String> out = new TreeSet<>();
    snapshot
        .services()
        .forEach(
            (k, dests) -> {
              for (Destination d : dests) {
                if (k.isV6() == v6 && d.weight() > 0) {
                  out.add(ip(d.address()) + " . " + ip(d.address()));
                }
              }
            });
    return out;
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

  static String keyElement(ServiceKey k) {
    return k.protocol().wireName() + " . " + ip(k.address()) + " . " + k.port();
  }

  private static String ip(InetAddress a) {
    return IpLiterals.format(a);
  }

  static void checkFamilies(L4Snapshot snapshot) {
    snapshot
        .services()
        .forEach(
            (k, dests) -> {
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
            });
  }
}
