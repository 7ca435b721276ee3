package io.dcnet.l4lb.control;

import io.dcnet.l4lb.dataplane.L4Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane's changelog at INFO: one line for the first sync, then one line per added or
 * removed VIP and backend ({@link SnapshotDiff}, at most {@code limit} lines per sync before one
 * summary line).
 *
 * <p>Not thread-safe: owned by the controller's sync thread.
 */
final class SyncChangelog {
  private static final Logger LOG = LoggerFactory.getLogger(L4lbController.class);

  private final String kind;
  private final int limit;
  private L4Snapshot lastLogged = L4Snapshot.empty();
  private boolean firstSyncDone;

  SyncChangelog(String kind, int limit) {
    this.kind = kind;
    this.limit = limit;
  }

  /** The data plane accepted {@code applied}. */
  void applied(L4Snapshot applied) {
    if (!firstSyncDone) {
      firstSyncDone = true;
      LOG.info(
          "l4lb: first {} sync: {} vips, {} backends",
          kind,
          applied.serviceCount(),
          applied.destinationCount());
    }
    for (String line : SnapshotDiff.changes(lastLogged, applied, limit)) {
      LOG.info("l4lb: {}", line);
    }
    lastLogged = applied;
  }
}
