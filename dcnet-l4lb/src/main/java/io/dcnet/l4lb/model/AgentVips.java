package io.dcnet.l4lb.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The value one agent writes into one VIP bucket of the cluster state ({@code l4lb/vips/NN}, field
 * = the agent's node id): its own backends of the VIPs that hash to that bucket. Immutable.
 */
public record AgentVips(String agentIp, List<VipBackends> vips) {
  public AgentVips {
    Objects.requireNonNull(agentIp, "agentIp");
    vips = vips.stream().sorted(Comparator.comparing(VipBackends::vip)).toList();
  }
}
