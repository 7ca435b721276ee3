package io.dcnet.l4lb.control;

import io.dcnet.l4lb.model.AgentVips;
import java.util.Objects;

/**
 * One field of a VIP bucket key: the owner's node id (the field name) and its value. Immutable.
 *
 * @param nodeId the cluster-state node id of the agent that wrote the field
 * @param vips that agent's backends of the VIPs in the bucket
 */
public record OwnedAgentVips(String nodeId, AgentVips vips) {
  public OwnedAgentVips {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(vips, "vips");
  }
}
