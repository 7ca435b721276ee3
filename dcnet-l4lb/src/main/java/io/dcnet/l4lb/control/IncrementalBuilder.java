package io.dcnet.l4lb.control;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.AgentVips;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.l4lb.model.VipId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Builds the same {@link L4Build} as {@link L4SnapshotBuilder#build} over all 16 VIP buckets, but
 * rebuilds only the buckets whose content changed since the last call (kube-proxy's change
 * tracking). Every agent publishes a VIP's backends into that VIP's bucket, so each bucket gives
 * the services of its own VIPs; the parts are then merged. Everything is rebuilt when the names,
 * the unreachable agents or the settings changed, and the merge falls back to a full build when two
 * buckets yield the same service or VIP (a named VIP whose address equals an IP VIP, or a VIP in
 * the wrong bucket), where only the full build's order decides. At 10,000 VIPs a change of one
 * bucket costs about a sixteenth of a full build plus the merge.
 *
 * <p>Not thread-safe: owned by the controller's sync thread.
 */
final class IncrementalBuilder {
  private final Map<String, Cached> parts = new HashMap<>();
  private Map<String, NamedVipAddress> lastNames;
  private Set<String> lastUnreachable;
  private boolean lastIpv6;
  private long partsBuilt;
  private long fallbacks;

  private record Cached(Map<String, AgentVips> source, L4SnapshotBuilder.Part part) {}

  /**
   * The build of every bucket's fields.
   *
   * @param buckets bucket key name → (owner node id → its field); a bucket whose map is the same
   *     object as in the last call is taken as unchanged
   */
  L4Build build(
      SortedMap<String, Map<String, AgentVips>> buckets,
      Map<String, NamedVipAddress> names,
      Set<String> unreachable,
      boolean ipv6Enabled,
      String localAgentIp,
      UnaryOperator<Destination> localRewrite) {
    boolean all =
        !names.equals(lastNames) || !unreachable.equals(lastUnreachable) || ipv6Enabled != lastIpv6;
    if (all) {
      parts.clear();
      lastNames = Map.copyOf(names);
      lastUnreachable = Set.copyOf(unreachable);
      lastIpv6 = ipv6Enabled;
    }
    parts.keySet().retainAll(buckets.keySet());
    for (Map.Entry<String, Map<String, AgentVips>> b : buckets.entrySet()) {
      Cached c = parts.get(b.getKey());
      if (c == null || c.source() != b.getValue()) {
        // the immutable copies (equal to the arguments): L4BuildInput then copies nothing
        L4BuildInput in =
            new L4BuildInput(
                owned(b.getValue()),
                lastNames,
                lastUnreachable,
                ipv6Enabled,
                localAgentIp,
                localRewrite);
        parts.put(b.getKey(), new Cached(b.getValue(), L4SnapshotBuilder.buildPart(in)));
        partsBuilt++;
      }
    }
    L4Build merged = merge(buckets);
    if (merged != null) {
      return merged;
    }
    fallbacks++;
    List<OwnedAgentVips> everyone = new ArrayList<>();
    buckets.values().forEach(fields -> everyone.addAll(owned(fields)));
    return L4SnapshotBuilder.build(
        new L4BuildInput(everyone, names, unreachable, ipv6Enabled, localAgentIp, localRewrite));
  }

  /** Forgets every part: the next build builds every bucket. */
  void clear() {
    parts.clear();
  }

  /** How many builds fell back to a full build because parts overlapped (for tests). */
  long fallbacks() {
    return fallbacks;
  }

  /** How many bucket parts were built so far (for tests). */
  long partsBuilt() {
    return partsBuilt;
  }

  /** The parts merged, or null when two of them overlap. */
  private L4Build merge(SortedMap<String, Map<String, AgentVips>> buckets) {
    TreeMap<ServiceKey, List<Destination>> services = new TreeMap<>();
    TreeMap<VipId, List<Backend>> vips = new TreeMap<>();
    Set<String> unreachableNodes = new HashSet<>();
    int unreachableBackends = 0;
    int unreachableVips = 0;
    int skippedVips = 0;
    int skippedBackends = 0;
    for (String bucket : buckets.keySet()) {
      L4SnapshotBuilder.Part p = parts.get(bucket).part();
      L4Build b = p.build();
      for (Map.Entry<ServiceKey, List<Destination>> e : b.snapshot().services().entrySet()) {
        if (services.putIfAbsent(e.getKey(), e.getValue()) != null) {
          return null;
        }
      }
      for (Map.Entry<VipId, List<Backend>> e : b.vips().entrySet()) {
        if (vips.putIfAbsent(e.getKey(), e.getValue()) != null) {
          return null;
        }
      }
      unreachableNodes.addAll(p.unreachableNodes());
      L4Stats s = b.stats();
      unreachableBackends += s.unreachableBackends();
      unreachableVips += s.unreachableVips();
      skippedVips += s.skippedVips();
      skippedBackends += s.skippedBackends();
    }
    L4Snapshot snapshot = new L4Snapshot(services);
    L4Stats stats =
        L4Stats.of(
            snapshot,
            unreachableBackends,
            unreachableVips,
            unreachableNodes.size(),
            skippedVips,
            skippedBackends);
    return new L4Build(snapshot, vips, stats);
  }

  private static List<OwnedAgentVips> owned(Map<String, AgentVips> fields) {
    List<OwnedAgentVips> out = new ArrayList<>(fields.size());
    fields.forEach((nodeId, vips) -> out.add(new OwnedAgentVips(nodeId, vips)));
    return out;
  }
}
