package io.dcnet.discovery;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves through {@link FailoverPhase}s: every resubscription starts at {@code AWAIT_AGENTS} (if
 * agents known before are missing) or {@code AWAIT_TASKS}; deadlines and returning agents advance
 * it to {@code SERVE}. Logs each transition at INFO.
 *
 * <p>Not thread-safe: guarded by {@link MesosZoneController}'s lock.
 */
final class FailoverTracker {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverTracker.class);

  private final ControllerOptions options;
  private final Set<String> awaitedAgents = new HashSet<>();
  private FailoverPhase phase = FailoverPhase.INIT;
  private Instant deadline = Instant.MAX;

  FailoverTracker(ControllerOptions options) {
    this.options = options;
  }

  FailoverPhase phase() {
    return phase;
  }

  /** A (re)subscription at {@code now}; {@code missingAgents} were known before, absent now. */
  void resubscribed(Set<String> missingAgents, Instant now) {
    awaitedAgents.clear();
    awaitedAgents.addAll(missingAgents);
    if (awaitedAgents.isEmpty()) {
      enter(FailoverPhase.AWAIT_TASKS, now.plus(options.awaitTasks()), "resubscribed");
    } else {
      enter(
          FailoverPhase.AWAIT_AGENTS,
          now.plus(options.awaitAgents()),
          "resubscribed; " + awaitedAgents.size() + " agent(s) to re-register");
    }
  }

  /** An agent re-registered or was removed: no longer awaited. */
  void agentSettled(String agentId) {
    awaitedAgents.remove(agentId);
  }

  /**
   * Advances by the clock and the awaited agents.
   *
   * @return true if this call entered {@code SERVE}
   */
  boolean advance(Instant now) {
    if (phase == FailoverPhase.AWAIT_AGENTS
        && (awaitedAgents.isEmpty() || !now.isBefore(deadline))) {
      String why =
          awaitedAgents.isEmpty()
              ? "agents re-registered"
              : awaitedAgents.size() + " agent(s) did not re-register in " + options.awaitAgents();
      enter(FailoverPhase.AWAIT_TASKS, now.plus(options.awaitTasks()), why);
    }
    if (phase == FailoverPhase.AWAIT_TASKS && !now.isBefore(deadline)) {
      enter(FailoverPhase.SERVE, Instant.MAX, "waited " + options.awaitTasks() + " for tasks");
      return true;
    }
    return false;
  }

  private void enter(FailoverPhase next, Instant until, String why) {
    LOG.info("dns zone {}: phase {} -> {} ({})", TaskRecords.ZONE, phase, next, why);
    phase = next;
    deadline = until;
  }
}
