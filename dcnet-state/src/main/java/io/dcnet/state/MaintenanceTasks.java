package io.dcnet.state;

import io.dcnet.state.engine.Incarnation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's housekeeping, all on the control thread: adopting the fields this node owns from the
 * durable replica at start, the periodic purge of fields whose owner is gone ({@link
 * OrphanSweeper}), re-reading the seed file, and re-publishing this node's own fields ({@link
 * OwnEntries}) after it became Up or found some of them missing. Each task catches and logs its own
 * failure so the schedule goes on. Logs under {@link ClusterState}'s logger, as before it was split
 * out of that class.
 *
 * <p>The tasks run only on the control thread; {@link #start()} and {@link #requestReassert} may be
 * called from any thread.
 */
final class MaintenanceTasks {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterState.class);
  private static final Duration ADOPT_WAIT = Duration.ofSeconds(30);

  private final ClusterStateConfig cfg;
  private final SeedSource seeds;
  private final OwnEntries own;
  private final OrphanSweeper sweeper;
  private final IncarnationRestarter incarnations;
  private final ControlThread control;

  MaintenanceTasks(
      ClusterStateConfig cfg,
      SeedSource seeds,
      OwnEntries own,
      OrphanSweeper sweeper,
      IncarnationRestarter incarnations,
      ControlThread control) {
    this.cfg = cfg;
    this.seeds = seeds;
    this.own = own;
    this.sweeper = sweeper;
    this.incarnations = incarnations;
    this.control = control;
  }

  /**
   * Adopts own fields once, and waits for that (at most {@link #ADOPT_WAIT}), then sweeps every
   * {@code unreachableRemoval / 2} (0.5–30 s) and, with a seed file, re-reads it every 2 s.
   *
   * <p>The wait matters: a field the caller removes right after start must not be adopted after the
   * removal (read from the replica before it, put in the own fields after it), or the next
   * re-publish would write it back.
   */
  void start() {
    CountDownLatch adopted = new CountDownLatch(1);
    control.execute(
        () -> {
          try {
            adoptOwnEntries();
          } finally {
            adopted.countDown();
          }
        });
    try {
      if (!adopted.await(ADOPT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "adopting own fields from the durable replica takes over {} s; going on",
            ADOPT_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long sweepMs = Math.max(500, Math.min(30_000, cfg.unreachableRemoval().toMillis() / 2));
    control.scheduleWithFixedDelay(this::sweep, sweepMs, sweepMs);
    if (cfg.seedFile() != null) {
      control.scheduleWithFixedDelay(this::refreshSeeds, 2_000, 2_000);
    }
  }

  /**
   * Re-publishes own fields into incarnation {@code incarnation} if it is still the current one.
   */
  void requestReassert(int incarnation) {
    control.execute(() -> reassert(incarnation));
  }

  private void adoptOwnEntries() {
    try {
      own.loadFrom(incarnations.current());
    } catch (RuntimeException e) {
      LOG.warn("could not read own fields from the local replica: {}", e.toString());
    }
  }

  private void sweep() {
    try {
      sweeper.sweep(incarnations.current());
    } catch (RuntimeException e) {
      LOG.warn("orphan sweep failed: {}", e.toString());
    }
  }

  private void refreshSeeds() {
    Incarnation inc = incarnations.current();
    try {
      if (seeds.refresh() && !inc.isSelfUp()) {
        inc.joinSeeds(seeds.current(), cfg.systemName());
      }
    } catch (RuntimeException e) {
      LOG.warn("seed refresh failed: {}", e.toString());
    }
  }

  private void reassert(int incarnation) {
    Incarnation inc = incarnations.current();
    if (control.isClosed() || inc.number() != incarnation) {
      return;
    }
    try {
      own.reassert(inc);
    } catch (RuntimeException e) {
      LOG.warn("re-publishing own fields failed: {}", e.toString());
    }
  }
}
