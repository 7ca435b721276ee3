package io.dcnet.state;

import io.dcnet.state.engine.EngineCallbacks;
import io.dcnet.state.engine.Incarnation;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the node's current {@link Incarnation} and replaces it by a new one on the same port when
 * the engine asks for it (this node was removed or quarantined, or its ActorSystem terminated):
 * stops the old ActorSystem — closing its listening socket directly when its termination is stuck
 * —, waits until the port can be bound, starts the next incarnation and re-subscribes every key
 * that has listeners (README "Rejoin"). Logs under {@link ClusterState}'s logger, as before it was
 * split out of that class.
 *
 * <p>Thread-safe: {@link #current()} may be read from any thread (a volatile field written only by
 * a restart); {@link #requestRestart} may be called from any thread and hands the restart to the
 * control thread, where restarts run one at a time.
 */
final class IncarnationRestarter {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterState.class);

  /** How long to wait for an old incarnation's ActorSystem before unbinding its port directly. */
  private static final Duration TERMINATE_WAIT = Duration.ofSeconds(3);

  private final ClusterStateConfig cfg;
  private final SeedSource seeds;
  private final Supplier<Set<String>> subscribedKeys;
  private final EngineCallbacks callbacks;
  private final ControlThread control;
  private volatile Incarnation current;

  /**
   * @param subscribedKeys the names of the keys that have listeners, re-subscribed in every new
   *     incarnation
   * @param callbacks the engine events of every incarnation go there
   */
  IncarnationRestarter(
      ClusterStateConfig cfg,
      SeedSource seeds,
      Supplier<Set<String>> subscribedKeys,
      EngineCallbacks callbacks,
      ControlThread control) {
    this.cfg = cfg;
    this.seeds = seeds;
    this.subscribedKeys = subscribedKeys;
    this.callbacks = callbacks;
    this.control = control;
  }

  /** Starts incarnation 1 on the configured port; throws when it cannot start. */
  void startFirst() {
    current = Incarnation.start(1, cfg, cfg.bindPort(), seeds.current(), callbacks);
    watch(current);
  }

  /** The live incarnation (the last one started). */
  Incarnation current() {
    return current;
  }

  /** Replaces incarnation {@code incarnation} on the control thread, unless it is already gone. */
  void requestRestart(int incarnation, String reason) {
    control.execute(() -> restart(incarnation, reason, 0));
  }

  /** On close: lets the durable store finish its writes (≤ 2 s), then stops the incarnation. */
  void stopCurrent() {
    current.flushDurable(Duration.ofSeconds(2));
    stop(current);
  }

  /**
   * Terminates {@code inc} and waits for it; when its termination is stuck (README "Rejoin"),
   * closes its listening socket directly so the port can be bound again.
   */
  private void stop(Incarnation inc) {
    if (!inc.terminate(TERMINATE_WAIT)) {
      LOG.warn(
          "incarnation {} of {} did not terminate within {}; closing its listening socket",
          inc.number(),
          cfg.nodeId(),
          TERMINATE_WAIT);
      inc.unbindTransport(Duration.ofSeconds(3));
    }
  }

  private void watch(Incarnation inc) {
    inc.whenTerminated()
        .thenRun(() -> callbacks.requestRestart(inc.number(), "its actor system terminated"));
  }

  /**
   * Replaces incarnation {@code incarnation} by a new one on the same port: terminates the old
   * ActorSystem and waits for its termination (which unbinds its listener), checks that the port
   * can be bound, and starts the next one. While the port is still taken it retries quickly (100 ms
   * doubling, at most 2 s apart); other start failures back off from 1 s to 30 s.
   */
  private void restart(int incarnation, String reason, int attempt) {
    Incarnation old = current;
    if (control.isClosed() || old.number() != incarnation) {
      return;
    }
    if (attempt == 0) {
      LOG.warn("node {}: starting incarnation {}: {}", cfg.nodeId(), incarnation + 1, reason);
      stop(old);
    }
    int port = old.port();
    if (!PortCheck.isFree(cfg.bindHost(), port)) {
      retryRestart(incarnation, reason, attempt, "port " + port + " still in use", true);
      return;
    }
    try {
      Incarnation next = Incarnation.start(incarnation + 1, cfg, port, seeds.current(), callbacks);
      if (control.isClosed()) {
        next.terminate(Duration.ofSeconds(15));
        return;
      }
      current = next;
      for (String key : subscribedKeys.get()) {
        next.subscribe(key);
      }
      watch(next);
      if (attempt > 0) {
        LOG.info("incarnation {} started after {} retries", incarnation + 1, attempt);
      }
    } catch (RuntimeException e) {
      retryRestart(incarnation, reason, attempt, e.toString(), PortCheck.isBindFailure(e));
    }
  }

  private void retryRestart(
      int incarnation, String reason, int attempt, String why, boolean portInUse) {
    long delay =
        portInUse
            ? PortCheck.bindRetryMillis(attempt)
            : Math.min(30_000L, 1000L << Math.min(attempt, 5));
    if (!portInUse || attempt == 0 || attempt % 10 == 0) {
      LOG.warn(
          "new incarnation could not start (attempt {}), retrying in {} ms: {}",
          attempt + 1,
          delay,
          why);
    }
    control.schedule(() -> restart(incarnation, reason, attempt + 1), delay);
  }
}
