package io.dcnet.l4lb.control;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.l4lb.model.VipBackends;
import io.dcnet.l4lb.model.VipId;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the replicated VIP state into the snapshot a data plane installs. A pure function (same
 * input, same output; no I/O, no clock). Rules:
 *
 * <ul>
 *   <li>The backends of a VIP are merged over every agent's bucket field.
 *   <li>An IP VIP is installed on its address; a named VIP on its allocated IPv4 address and, when
 *       IPv6 is enabled and an address is allocated, its IPv6 address. A named VIP without an
 *       allocated address is skipped (counted), as is an IPv6 IP VIP while IPv6 is disabled.
 *   <li>Each service gets only the backends of its own address family (the IPv4 address of a named
 *       VIP gets the IPv4 backends, the IPv6 address the IPv6 ones). A service that would have no
 *       backend is not installed; a VIP with no service installed is counted as skipped.
 *   <li>Backends on unreachable agents are left out, unless every backend of the VIP is on an
 *       unreachable agent: then all are kept (fail-open, spec 3.4).
 *   <li>Weight 0 stays 0 (drained); weights above {@link Destination#MAX_WEIGHT} are capped.
 *   <li>Destinations of backends on this node's agent IP go through the local rewrite.
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
public final class L4SnapshotBuilder {
  private L4SnapshotBuilder() {}

  /** Builds the snapshot, the merged VIP map and the counts. */
  public static L4Build build(L4BuildInput in) {
    return buildPart(in).build();
  }

  /**
   * A build and the distinct unreachable agents it counted ({@link IncrementalBuilder} adds parts
   * up and needs the set, not only its size).
   */
  record Part(L4Build build, Set<String> unreachableNodes) {}

  static Part buildPart(L4BuildInput in) {
    // merged by hash (every agent's field adds to it), sorted once at the end
    Map<VipId, List<Backend>> byVip = new HashMap<>();
    for (OwnedAgentVips owned : in.agents()) {
      for (VipBackends vb : owned.vips().vips()) {
        byVip.computeIfAbsent(vb.vip(), k -> new ArrayList<>()).addAll(vb.backends());
      }
    }
    TreeMap<VipId, List<Backend>> merged = new TreeMap<>(byVip);
    String localIp = in.localAgentIp() == null ? null : canonical(in.localAgentIp());
    Set<String> unreachable = new HashSet<>();
    in.unreachableAgentIps().forEach(ip -> unreachable.add(canonical(ip)));

    TreeMap<ServiceKey, List<Destination>> services = new TreeMap<>();
    // backends share few distinct addresses (their agents'): parse each once per build
    Map<String, InetAddress> parsed = new HashMap<>();
    Set<String> unreachableNodes = new HashSet<>();
    int unreachableBackends = 0;
    int unreachableVips = 0;
    int skippedVips = 0;
    int skippedBackends = 0;
    TreeMap<VipId, List<Backend>> vips = new TreeMap<>();
    for (Map.Entry<VipId, List<Backend>> e : merged.entrySet()) {
      VipId vip = e.getKey();
      List<Backend> all = sortedDistinct(e.getValue());
      vips.put(vip, all);
      List<Backend> live = new ArrayList<>();
      for (Backend b : all) {
        if (unreachable.contains(b.agentIp())) {
          unreachableNodes.add(b.agentIp());
        } else {
          live.add(b);
        }
      }
      unreachableBackends += all.size() - live.size();
      List<Backend> use = live;
      if (live.isEmpty() && !all.isEmpty()) {
        unreachableVips++;
        use = all;
      }
      List<InetAddress> addresses = addresses(vip, in);
      Set<Backend> placed = new HashSet<>();
      boolean installed = false;
      for (InetAddress address : addresses) {
        List<Destination> dests = new ArrayList<>();
        for (Backend b : use) {
          Destination d = destination(b, localIp, in, parsed);
          if (IpLiterals.isV6(d.address()) == IpLiterals.isV6(address)) {
            dests.add(d);
            placed.add(b);
          }
        }
        if (!dests.isEmpty()) {
          services.put(new ServiceKey(vip.protocol(), address, vip.port()), dests);
          installed = true;
        }
      }
      if (!addresses.isEmpty()) {
        skippedBackends += use.size() - placed.size();
      }
      if (!installed) {
        skippedVips++;
      }
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
    return new Part(new L4Build(snapshot, vips, stats), Set.copyOf(unreachableNodes));
  }

  /** The backends sorted, each once (what a {@code TreeSet} would hold). */
  private static List<Backend> sortedDistinct(List<Backend> in) {
    Backend[] sorted = in.toArray(new Backend[0]);
    Arrays.sort(sorted);
    List<Backend> out = new ArrayList<>(sorted.length);
    for (Backend b : sorted) {
      if (out.isEmpty() || out.get(out.size() - 1).compareTo(b) != 0) {
        out.add(b);
      }
    }
    return List.copyOf(out);
  }

  private static List<InetAddress> addresses(VipId vip, L4BuildInput in) {
    List<InetAddress> out = new ArrayList<>();
    if (!vip.isNamed()) {
      InetAddress a = vip.address().orElseThrow();
      if (!IpLiterals.isV6(a) || in.ipv6Enabled()) {
        out.add(a);
      }
      return out;
    }
    NamedVipAddress named = in.names().get(vip.host());
    if (named == null) {
      return out;
    }
    parse(named.ipv4()).filter(IpLiterals::isV4).ifPresent(out::add);
    if (in.ipv6Enabled()) {
      parse(named.ipv6()).filter(IpLiterals::isV6).ifPresent(out::add);
    }
    return out;
  }

  private static Destination destination(
      Backend b, String localIp, L4BuildInput in, Map<String, InetAddress> parsed) {
    InetAddress ip = parsed.computeIfAbsent(b.ip(), t -> IpLiterals.parse(t).orElseThrow());
    Destination d = new Destination(ip, b.port(), Math.min(b.weight(), Destination.MAX_WEIGHT));
    if (localIp != null && localIp.equals(b.agentIp())) {
      Destination rewritten = in.localRewrite().apply(d);
      if (rewritten != null) {
        d = rewritten;
      }
    }
    return d;
  }

  private static Optional<InetAddress> parse(String text) {
    return text == null ? Optional.empty() : IpLiterals.parse(text);
  }

  private static String canonical(String ip) {
    return IpLiterals.parse(ip).map(IpLiterals::format).orElse(ip);
  }
}
