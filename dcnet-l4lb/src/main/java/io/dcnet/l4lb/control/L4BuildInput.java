package io.dcnet.l4lb.control;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.model.NamedVipAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Everything {@link L4SnapshotBuilder} needs. Immutable (collections are copied).
 *
 * @param agents every field of the 16 VIP bucket keys, with its owner
 * @param names named-VIP addresses by name (the {@code l4lb/names} key, possibly made sticky)
 * @param unreachableAgentIps agent IPs whose node is unreachable (canonical IP text)
 * @param ipv6Enabled false: IPv6 VIPs and the IPv6 address of named VIPs are not installed
 * @param localAgentIp this node's agent IP, or null on a master (no local rewrite then)
 * @param localRewrite applied to each destination of a backend on {@code localAgentIp} (e.g. host
 *     port to container address); identity when none is needed
 */
public record L4BuildInput(
    List<OwnedAgentVips> agents,
    Map<String, NamedVipAddress> names,
    Set<String> unreachableAgentIps,
    boolean ipv6Enabled,
    String localAgentIp,
    UnaryOperator<Destination> localRewrite) {
  public L4BuildInput {
    agents = List.copyOf(agents);
    names = Map.copyOf(names);
    unreachableAgentIps = Set.copyOf(unreachableAgentIps);
    localRewrite = localRewrite == null ? UnaryOperator.identity() : localRewrite;
  }

  /** An input without local rewrite. */
  public static L4BuildInput of(
      List<OwnedAgentVips> agents,
      Map<String, NamedVipAddress> names,
      Set<String> unreachableAgentIps,
      boolean ipv6Enabled) {
    return new L4BuildInput(agents, names, unreachableAgentIps, ipv6Enabled, null, null);
  }
}
