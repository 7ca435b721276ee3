package io.dcnet.daemon.node;

import java.util.List;

/**
 * A node's own entry under the {@code nodes} key of the replicated state (dcos-net's {@code
 * [dcos_net, nodes]}).
 *
 * <p>Immutable; thread-safe.
 *
 * @param privateIp the node's IP
 * @param publicIps public IPs (none detected yet: empty)
 * @param hostname the host name
 * @param role {@code master} or {@code agent}
 * @param updatedMillis when the entry was written (epoch ms)
 */
public record NodeInfo(
    String privateIp, List<String> publicIps, String hostname, String role, long updatedMillis) {
  public NodeInfo {
    publicIps = publicIps == null ? List.of() : List.copyOf(publicIps);
  }
}
