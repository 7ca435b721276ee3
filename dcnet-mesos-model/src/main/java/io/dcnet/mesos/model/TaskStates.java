package io.dcnet.mesos.model;

import java.util.Set;

/**
 * Mesos task-state classification.
 *
 * <p>Thread-safe: stateless.
 */
public final class TaskStates {
  /** States after which dcnet forgets a task. */
  public static final Set<String> TERMINAL =
      Set.of(
          "TASK_FINISHED",
          "TASK_FAILED",
          "TASK_KILLED",
          "TASK_ERROR",
          "TASK_DROPPED",
          "TASK_GONE",
          "TASK_GONE_BY_OPERATOR",
          "TASK_LOST",
          "TASK_UNKNOWN");

  private TaskStates() {}

  /** True for the states in {@link #TERMINAL}. */
  public static boolean isTerminal(String state) {
    return TERMINAL.contains(state);
  }
}
