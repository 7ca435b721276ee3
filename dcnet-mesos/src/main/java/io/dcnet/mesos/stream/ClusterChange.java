package io.dcnet.mesos.stream;

import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.Task;
import java.util.Objects;

/**
 * One change of the cluster seen on the v1 event stream.
 *
 * <p>Thread-safe: immutable.
 */
public sealed interface ClusterChange {

  /** A (re)subscription: the {@code SUBSCRIBED} snapshot replaced all local state. */
  record Resynced(ClusterSnapshot snapshot) implements ClusterChange {
    public Resynced {
      Objects.requireNonNull(snapshot, "snapshot");
    }
  }

  /**
   * A task was added ({@code previous} null), updated, or removed because it reached a terminal
   * state or its framework was removed ({@code current} null).
   */
  record TaskChanged(Task previous, Task current) implements ClusterChange {
    public TaskChanged {
      if (previous == null && current == null) {
        throw new IllegalArgumentException("previous/current: both null (expected: one set)");
      }
    }

    /** The task id. */
    public String taskId() {
      return current != null ? current.id() : previous.id();
    }
  }

  /** An agent registered (or re-registered with the same id). */
  record AgentAdded(Agent agent) implements ClusterChange {}

  /** An agent was removed. */
  record AgentRemoved(Agent agent) implements ClusterChange {}

  /** A framework registered or re-registered; {@code tasks} is empty here. */
  record FrameworkAdded(Framework framework) implements ClusterChange {}

  /** A framework was removed (its tasks were removed first, each with a TaskChanged). */
  record FrameworkRemoved(Framework framework) implements ClusterChange {}
}
