package io.dcnet.rest.node;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One node of the cluster as {@code GET /v1/nodes} shows it (spec §6.1): its private IP, public
 * IPs, host name and when its info was last updated, plus dcnet's additions {@code role} ({@code
 * master} or {@code agent}) and {@code reachable}.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param privateIp the node's private IP, e.g. {@code 10.0.0.5}
 * @param publicIps public IPs (empty when unknown)
 * @param hostname the node's host name ({@code ""} when unknown)
 * @param updated when the node's info was last refreshed
 * @param role {@code master} or {@code agent} (free text; rendered as given)
 * @param reachable whether this node currently sees the node as reachable
 */
public record NodeRecord(
    String privateIp,
    List<String> publicIps,
    String hostname,
    Instant updated,
    String role,
    boolean reachable) {
  public NodeRecord {
    Objects.requireNonNull(privateIp, "privateIp");
    publicIps = List.copyOf(Objects.requireNonNull(publicIps, "publicIps"));
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(updated, "updated");
    Objects.requireNonNull(role, "role");
  }
}
