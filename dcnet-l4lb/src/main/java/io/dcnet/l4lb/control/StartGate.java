package io.dcnet.l4lb.control;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides when the controller may run its first sync after start, so that a restart never replaces
 * the installed rules with a partial view (kube-proxy waits for every source's "synced"). The gate
 * opens, and then stays open, at the first of:
 *
 * <ol>
 *   <li>the cluster state is Up and every subscribed key has delivered its first snapshot
 *       (subscriptions deliver a first snapshot only for keys that have data, so this alone is not
 *       enough: most buckets are empty in small clusters);
 *   <li>the cluster state has been seen Up for {@code settle} (default 2 s: Distributed Data
 *       gossips digests every second, so a joined node has received the replicas by then);
 *   <li>{@code startTimeout} (default 10 s) has passed since start, Up or not: a node cut off from
 *       the masters serves its (durable) replica, as dcos-net does.
 * </ol>
 *
 * <p>Thread-safe (synchronized): keys are reported from the state's event thread, the gate is
 * evaluated on the sync thread.
 */
public final class StartGate {
  private final Instant startedAt;
  private final Duration settle;
  private final Duration startTimeout;
  private final Set<String> pending;
  private Instant upSince;
  private String openReason;

  public StartGate(Instant startedAt, Duration settle, Duration startTimeout, Set<String> keys) {
    this.startedAt = startedAt;
    this.settle = settle;
    this.startTimeout = startTimeout;
    this.pending = new HashSet<>(keys);
  }

  /** A subscribed key delivered a snapshot. */
  public synchronized void delivered(String key) {
    pending.remove(key);
  }

  /** Evaluates the gate at {@code now}; true once open. */
  public synchronized boolean open(Instant now, boolean up) {
    if (openReason != null) {
      return true;
    }
    if (up && upSince == null) {
      upSince = now;
    }
    if (up && pending.isEmpty()) {
      openReason = "cluster state up and every key delivered";
    } else if (upSince != null && !now.isBefore(upSince.plus(settle))) {
      openReason = "cluster state up for " + settle.toMillis() + " ms";
    } else if (!now.isBefore(startedAt.plus(startTimeout))) {
      openReason = "start timeout of " + startTimeout.toMillis() + " ms passed (up: " + (up) + ")";
    }
    return openReason != null;
  }

  /** Why the gate opened, or null while closed. */
  public synchronized String openReason() {
    return openReason;
  }

  /** Keys that have not delivered a snapshot yet. */
  public synchronized int pendingKeys() {
    return pending.size();
  }
}
