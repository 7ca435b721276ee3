package io.dcnet.l4lb.dataplane;

import java.util.Optional;

/**
 * Installs virtual services on this node: the seam between the L4 control loop and the kernel
 * (nftables) or the userspace proxy. Every implementation passes the contract suites {@code
 * DataPlaneStateContract} and, for the real ones, {@code DataPlaneTrafficContract} (published in
 * this module's test-jar).
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #sync} makes the installed state equal to the desired snapshot, whatever was there
 *       before (also state left by an earlier process); it is idempotent; on failure it throws and
 *       leaves either the old or the new state, never a mix that drops a service present in both.
 *   <li>{@link #installed} reads back what is really installed (the kernel table, the open
 *       listeners), not a copy of the last request; after a successful sync it equals the snapshot.
 *   <li>A destination of weight 0 gets no new connections; flows already going to it continue. A
 *       service with no destination of weight &gt; 0 accepts no new connections.
 *   <li>Traffic from this node (and, for the kernel plane, from containers on it) to a service
 *       address and port reaches one of its destinations, chosen in proportion to weight (nftables)
 *       or by least outstanding connections (userspace).
 *   <li>{@link #close} removes everything this data plane installed.
 * </ul>
 *
 * <p>Thread-safety: calls come from one thread at a time (the sync runner); implementations may run
 * their own I/O threads internally.
 */
public interface L4DataPlane extends AutoCloseable {
  /** A short name for logs and metrics, e.g. {@code nftables} or {@code userspace}. */
  String kind();

  /** Makes the installed state equal to {@code desired}. */
  void sync(L4Snapshot desired) throws DataPlaneException;

  /** Reads back the installed state. */
  L4Snapshot installed() throws DataPlaneException;

  /**
   * A cheap look at what is installed, for the reconciles between two {@link #installed} reads when
   * those are expensive (the nftables table at 10,000 VIPs). Returns what it found different from
   * the last successful {@link #sync}, or empty when it found nothing, which proves less than an
   * equal {@link #installed}. After a finding the next {@link #sync} must rewrite everything.
   *
   * <p>The default finds nothing, for data planes whose {@link #installed} is cheap enough to run
   * at every reconcile.
   */
  default Optional<String> quickCheck() throws DataPlaneException {
    return Optional.empty();
  }

  /**
   * Lets go of what this data plane holds in this process (threads, helper processes) but leaves
   * what it installed in the kernel in place, for a stop that must not interrupt traffic (the
   * nftables table outlives the daemon: decision 011). The default is {@link #close}, for data
   * planes that live in this process anyway (the userspace proxy).
   */
  default void release() {
    close();
  }

  /** Removes everything this data plane installed. Idempotent. */
  @Override
  void close();
}
