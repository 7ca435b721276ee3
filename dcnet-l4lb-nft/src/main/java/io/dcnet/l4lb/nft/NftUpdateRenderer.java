package io.dcnet.l4lb.nft;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders the nft script that turns table {@code inet <table>}, known to hold exactly {@code from}
 * (as written by {@link NftRenderer}), into {@code to} by touching only the services that changed:
 * removed services lose their map element and chain, added ones get a chain and an element, changed
 * ones have their chain flushed and refilled; drained and hairpin set elements are added and
 * deleted by difference. Still one {@code nft -f} transaction, so still atomic; its size is
 * proportional to the change, not to the table. If {@code from} is wrong the script fails (a
 * missing element or chain) and the caller falls back to {@link NftRenderer#render}.
 *
 * <p>Pure and stateless: thread-safe.
 */
public final class NftUpdateRenderer {
  private NftUpdateRenderer() {}

  /** The update script; empty when nothing changed. */
  public static String render(L4Snapshot from, L4Snapshot to, String table) {
    NftRenderer.checkTableName(table);
    // validates families of the new state (throws IllegalArgumentException like a full render)
    NftRenderer.checkFamilies(to);
    String t = "inet " + table;
    StringBuilder out = new StringBuilder();
    for (Map.Entry<ServiceKey, List<Destination>> e : from.services().entrySet()) {
      ServiceKey k = e.getKey();
      if (!to.services().containsKey(k)) {
        elements(out, "delete", t, drained(k), NftRenderer.drainedElements(k, e.getValue()));
        elements(out, "delete", t, services(k), List.of(NftRenderer.keyElement(k)));
        out.append("delete chain ").append(t).append(' ').append(NftRenderer.chainName(k));
        out.append('\n');
      }
    }
    for (Map.Entry<ServiceKey, List<Destination>> e : to.services().entrySet()) {
      ServiceKey k = e.getKey();
      List<Destination> old = from.services().get(k);
      if (Objects.equals(old, e.getValue())) {
        continue;
      }
      String chain = NftRenderer.chainName(k);
      List<String> newDrained = NftRenderer.drainedElements(k, e.getValue());
      if (old == null) {
        out.append("add chain ").append(t).append(' ').append(chain).append('\n');
        rules(out, t, chain, k, e.getValue());
        elements(
            out, "add", t, services(k), List.of(NftRenderer.keyElement(k) + " : goto " + chain));
        elements(out, "add", t, drained(k), newDrained);
      } else {
        List<String> oldDrained = NftRenderer.drainedElements(k, old);
        out.append("flush chain ").append(t).append(' ').append(chain).append('\n');
        rules(out, t, chain, k, e.getValue());
        elements(out, "delete", t, drained(k), minus(oldDrained, newDrained));
        elements(out, "add", t, drained(k), minus(newDrained, oldDrained));
      }
    }
    // hairpin pairs: only addresses of changed services can appear or disappear
    Set<InetAddress> touched = new HashSet<>();
    from.services().forEach((k, d) -> addIfChanged(touched, d, to.services().get(k)));
    to.services().forEach((k, d) -> addIfChanged(touched, d, from.services().get(k)));
    Set<InetAddress> liveBefore = liveAmong(from, touched);
    Set<InetAddress> liveAfter = liveAmong(to, touched);
    for (boolean v6 : new boolean[] {false, true}) {
      String set = "hairpin" + (v6 ? "6" : "4");
      TreeSet<String> gone = new TreeSet<>();
      TreeSet<String> come = new TreeSet<>();
      for (InetAddress a : touched) {
        if (IpLiterals.isV6(a) == v6 && liveBefore.contains(a) != liveAfter.contains(a)) {
          String pair = IpLiterals.format(a) + " . " + IpLiterals.format(a);
          (liveAfter.contains(a) ? come : gone).add(pair);
        }
      }
      elements(out, "delete", t, set, gone);
      elements(out, "add", t, set, come);
    }
    return out.toString();
  }

  private static void addIfChanged(
      Set<InetAddress> into, List<Destination> dests, List<Destination> other) {
    if (!dests.equals(other)) {
      dests.forEach(d -> into.add(d.address()));
    }
  }

  /** The addresses among {@code candidates} that have weight &gt; 0 somewhere in {@code s}. */
  private static Set<InetAddress> liveAmong(L4Snapshot s, Set<InetAddress> candidates) {
    Set<InetAddress> out = new HashSet<>();
    if (candidates.isEmpty()) {
      return out;
    }
    for (List<Destination> dests : s.services().values()) {
      for (Destination d : dests) {
        if (d.weight() > 0 && candidates.contains(d.address())) {
          out.add(d.address());
        }
      }
    }
    return out;
  }

  private static void rules(
      StringBuilder out, String t, String chain, ServiceKey k, List<Destination> dests) {
    for (String rule : NftRenderer.chainRules(k, dests)) {
      out.append("add rule ").append(t).append(' ').append(chain).append(' ').append(rule);
      out.append('\n');
    }
  }

  private static void elements(
      StringBuilder out, String verb, String t, String set, Collection<String> elements) {
    if (elements.isEmpty()) {
      return;
    }
    out.append(verb).append(" element ").append(t).append(' ').append(set).append(" { ");
    out.append(String.join(", ", elements)).append(" }\n");
  }

  private static List<String> minus(Collection<String> a, Collection<String> b) {
    List<String> out = new ArrayList<>(a);
    out.removeAll(b);
    return out;
  }

  private static String services(ServiceKey k) {
    return k.isV6() ? "services6" : "services4";
  }

  private static String drained(ServiceKey k) {
    return k.isV6() ? "drained6" : "drained4";
  }
}
