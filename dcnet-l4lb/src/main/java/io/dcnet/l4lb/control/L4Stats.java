package io.dcnet.l4lb.control;

import io.dcnet.l4lb.dataplane.L4Snapshot;

/**
 * Counts of one snapshot build, exported as the l4lb gauges (README). Immutable.
 *
 * @param vips services in the snapshot (a named VIP with both an IPv4 and an IPv6 service counts
 *     twice)
 * @param backends destinations over all services of the snapshot
 * @param unreachableBackends backends (per VIP) whose agent is unreachable, left out or kept
 * @param unreachableVips VIPs whose every backend is on an unreachable agent (kept: fail-open)
 * @param unreachableNodes distinct unreachable agents that publish backends
 * @param skippedVips VIPs not installed: a named VIP without an allocated address, an IPv6 VIP
 *     while IPv6 is disabled, or a VIP without a backend of its address family
 * @param skippedBackends backends not installed for a VIP because their address family differs
 */
public record L4Stats(
    int vips,
    int backends,
    int unreachableBackends,
    int unreachableVips,
    int unreachableNodes,
    int skippedVips,
    int skippedBackends) {
  /** All zero. */
  public static final L4Stats EMPTY = new L4Stats(0, 0, 0, 0, 0, 0, 0);

  /** The counts of {@code snapshot} (services, destinations) and the given ones. */
  static L4Stats of(
      L4Snapshot snapshot,
      int unreachableBackends,
      int unreachableVips,
      int unreachableNodes,
      int skippedVips,
      int skippedBackends) {
    return new L4Stats(
        snapshot.serviceCount(),
        snapshot.destinationCount(),
        unreachableBackends,
        unreachableVips,
        unreachableNodes,
        skippedVips,
        skippedBackends);
  }
}
