package io.dcnet.mesos.v1;

import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;

/**
 * One event of the v1 operator API {@code SUBSCRIBE} stream, decoded. Unknown event types decode to
 * {@link Unknown} and are ignored by consumers.
 *
 * <p>Immutable; safe to hand between threads.
 */
public sealed interface MasterEvent {

  /** The initial snapshot; replaces all local state. Frameworks carry their tasks. */
  record Subscribed(MasterState state, double heartbeatIntervalSeconds) implements MasterEvent {}

  /** A task the master learned of (often in TASK_STAGING). */
  record TaskAdded(Task task) implements MasterEvent {}

  /**
   * A status update. {@code state} is the task's latest state; {@code status} the triggering update
   * (container IPs come from here).
   */
  record TaskUpdated(
      String frameworkId, String taskId, String agentId, String state, TaskStatus status)
      implements MasterEvent {}

  /** An agent registered. */
  record AgentAdded(Agent agent) implements MasterEvent {}

  /** An agent was removed. */
  record AgentRemoved(String agentId) implements MasterEvent {}

  /** A framework registered ({@code updated=false}) or re-registered ({@code updated=true}). */
  record FrameworkAdded(Framework framework, boolean updated) implements MasterEvent {}

  /** A framework was removed. */
  record FrameworkRemoved(String frameworkId) implements MasterEvent {}

  /** Liveness only. */
  record Heartbeat() implements MasterEvent {}

  /** An event type this version does not know. */
  record Unknown(String type) implements MasterEvent {}
}
