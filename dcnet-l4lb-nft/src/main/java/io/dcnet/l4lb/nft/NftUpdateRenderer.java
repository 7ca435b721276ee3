package io.dcnet.l4lb.nft;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders the nft script that turns table {@code inet <table>}, known to hold exactly {@code from}
 * (as written by {@link NftRenderer}), into {@code to} by touching only the services that changed.
 * With the slot layout a changed service is only map elements: its {@code services4/6} element when
 * its slot count changes, the slot-map elements whose destination changes, its {@code weights4/6}
 * elements, and hairpin pairs. Pick chains beyond the standing ones ({@link
 * NftRenderer#STANDING_SLOTS}) are added when a slot count is used for the first time and deleted
 * when no service uses it any more. Still one {@code nft -f} transaction, so still atomic; its size
 * is proportional to the change, not to the table. If {@code from} is wrong the script fails (a
 * missing element or chain) and the caller falls back to {@link NftRenderer#render}.
 *
 * <p>Pure and stateless: thread-safe.
 */
public final class NftUpdateRenderer {
  private NftUpdateRenderer() {}

  /** The update script; empty when nothing changed. */
  public static String render(L4Snapshot from, L4Snapshot to, String table) {
    NftRenderer.checkTableName(table);
    Changes c = new Changes();
    from.forEachChange(
        to,
        (key, before, after) -> {
          if (after != null) {
            // a new or changed service's destinations must be of its family, as in a full render
            NftRenderer.checkFamilies(key, after);
          }
          c.service(key, before, after);
        });
    if (c.isEmpty()) {
      return "";
    }
    hairpin(from, to, c);
    Set<String> added = new TreeSet<>();
    Set<String> removed = new TreeSet<>();
    for (String chain : c.chainsGained) {
      if (!NftRenderer.isStanding(chain) && !usesChain(from, chain)) {
        added.add(chain);
      }
    }
    for (String chain : c.chainsLost) {
      if (!NftRenderer.isStanding(chain) && !usesChain(to, chain)) {
        removed.add(chain);
      }
    }
    return c.script("inet " + table, added, removed);
  }

  /**
   * Whether some service of {@code s} goes to pick chain {@code chain}; stops at the first one (a
   * slot count in use is usually used by many services).
   */
  private static boolean usesChain(L4Snapshot s, String chain) {
    boolean v6 = chain.startsWith("pick6-");
    int k = Integer.parseInt(chain.substring("pick4-".length()));
    for (Map.Entry<ServiceKey, List<Destination>> e : s.services().entrySet()) {
      if (e.getKey().isV6() == v6 && SlotPlan.total(e.getValue()) == k) {
        return true;
      }
    }
    return false;
  }

  /** Hairpin pairs: only addresses of changed services can appear or disappear. */
  private static void hairpin(L4Snapshot from, L4Snapshot to, Changes c) {
    Set<InetAddress> touched = c.touchedAddresses();
    Set<InetAddress> liveBefore = liveAmong(from, touched);
    Set<InetAddress> liveAfter = liveAmong(to, touched);
    for (InetAddress addr : touched) {
      if (liveBefore.contains(addr) != liveAfter.contains(addr)) {
        String pair = IpLiterals.format(addr) + " . " + IpLiterals.format(addr);
        String set = IpLiterals.isV6(addr) ? "hairpin6" : "hairpin4";
        (liveAfter.contains(addr) ? c.adds : c.deletes)
            .computeIfAbsent(set, s -> new TreeSet<>())
            .add(pair);
      }
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

  /** Element deletions and additions per set, collected over the changed services. */
  private static final class Changes {
    final Map<String, TreeSet<String>> deletes = new TreeMap<>();
    final Map<String, TreeSet<String>> adds = new TreeMap<>();
    private final Set<InetAddress> touched = new HashSet<>();

    /** Pick chains that changed services go to now / went to before (maybe still used). */
    final Set<String> chainsGained = new TreeSet<>();

    final Set<String> chainsLost = new TreeSet<>();

    boolean isEmpty() {
      return deletes.isEmpty() && adds.isEmpty();
    }

    Set<InetAddress> touchedAddresses() {
      return touched;
    }

    /** One service that differs; {@code before} or {@code after} is null when absent. */
    void service(ServiceKey k, List<Destination> before, List<Destination> after) {
      String f = k.isV6() ? "6" : "4";
      SlotPlan old = before == null ? null : SlotPlan.of(before);
      SlotPlan now = after == null ? null : SlotPlan.of(after);
      String oldVerdict = old == null ? null : NftRenderer.verdictChain(k, old.total());
      String newVerdict = now == null ? null : NftRenderer.verdictChain(k, now.total());
      if (!Objects.equals(oldVerdict, newVerdict)) {
        if (old != null && old.total() > 0) {
          chainsLost.add(oldVerdict);
        }
        if (now != null && now.total() > 0) {
          chainsGained.add(newVerdict);
        }
      }
      if (oldVerdict != null && !oldVerdict.equals(newVerdict)) {
        delete("services" + f, NftElements.keyElement(k));
      }
      if (newVerdict != null && !newVerdict.equals(oldVerdict)) {
        add("services" + f, NftElements.keyElement(k) + " : goto " + newVerdict);
      }
      String slotsMap = NftRenderer.slotsMap(k.isV6(), k.protocol());
      List<Destination> oldSlots = old == null ? List.of() : old.slots();
      List<Destination> newSlots = now == null ? List.of() : now.slots();
      for (int i = 0; i < Math.max(oldSlots.size(), newSlots.size()); i++) {
        Destination o = i < oldSlots.size() ? oldSlots.get(i) : null;
        Destination n = i < newSlots.size() ? newSlots.get(i) : null;
        if (o != null && n != null && o.address().equals(n.address()) && o.port() == n.port()) {
          continue;
        }
        if (o != null) {
          delete(slotsMap, NftElements.slotKey(k, i));
        }
        if (n != null) {
          add(slotsMap, NftElements.slotElement(k, i, n));
        }
      }
      List<Destination> oldRecorded = old == null ? List.of() : old.recorded();
      List<Destination> newRecorded = now == null ? List.of() : now.recorded();
      for (Destination d : oldRecorded) {
        if (!newRecorded.contains(d)) {
          delete("weights" + f, NftElements.weightKey(k, d));
        }
      }
      for (Destination d : newRecorded) {
        if (!oldRecorded.contains(d)) {
          add("weights" + f, NftElements.weightElement(k, d));
        }
      }
      if (before != null) {
        before.forEach(d -> touched.add(d.address()));
      }
      if (after != null) {
        after.forEach(d -> touched.add(d.address()));
      }
    }

    private void delete(String set, String element) {
      deletes.computeIfAbsent(set, s -> new TreeSet<>()).add(element);
    }

    private void add(String set, String element) {
      adds.computeIfAbsent(set, s -> new TreeSet<>()).add(element);
    }

    /**
     * New pick chains first (elements refer to them), then element deletions before additions (a
     * slot whose destination changes is deleted and added again), then unused pick chains.
     */
    String script(String t, Set<String> newChains, Set<String> unusedChains) {
      StringBuilder out = new StringBuilder();
      for (String chain : newChains) {
        out.append("add chain ").append(t).append(' ').append(chain).append('\n');
        for (String rule : NftRenderer.pickRules(chain)) {
          out.append("add rule ").append(t).append(' ').append(chain).append(' ').append(rule);
          out.append('\n');
        }
      }
      elements(out, "delete", t, deletes);
      elements(out, "add", t, adds);
      for (String chain : unusedChains) {
        out.append("delete chain ").append(t).append(' ').append(chain).append('\n');
      }
      return out.toString();
    }

    private static void elements(
        StringBuilder out, String verb, String t, Map<String, TreeSet<String>> bySet) {
      bySet.forEach(
          (set, elements) -> {
            out.append(verb).append(" element ").append(t).append(' ').append(set).append(" { ");
            out.append(String.join(", ", elements)).append(" }\n");
          });
    }
  }
}
