package io.dcnet.mesos.stream;

import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStates;
import io.dcnet.mesos.model.TaskStatus;
import io.dcnet.mesos.v1.MasterEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies v1 {@link MasterEvent}s to a local copy of the cluster and says what changed. Terminal
 * task states remove the task; {@code TASK_UPDATED} sets the state and appends the status.
 *
 * <p>Not thread-safe: owned by the subscriber's reader thread; the snapshots it returns are
 * immutable and may be shared.
 */
final class ClusterStateTracker {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterStateTracker.class);

  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final Map<String, Framework> frameworks = new LinkedHashMap<>(); // tasks stripped
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private long version;
  private String leader = "";
  private ClusterSnapshot snapshot = ClusterSnapshot.EMPTY;

  ClusterSnapshot snapshot() {
    return snapshot;
  }

  /** Replaces everything with a SUBSCRIBED state served by {@code leaderPid}. */
  ClusterChange.Resynced resync(MasterState state, String leaderPid) {
    agents.clear();
    frameworks.clear();
    tasks.clear();
    leader = leaderPid;
    state.agents().forEach(a -> agents.put(a.id(), a));
    for (Framework f : state.frameworks()) {
      frameworks.put(f.id(), stripTasks(f));
      for (Task t : f.tasks()) {
        if (!TaskStates.isTerminal(t.state())) {
          tasks.put(t.id(), t.frameworkId().isEmpty() ? t.withFrameworkId(f.id()) : t);
        }
      }
    }
    rebuild();
    return new ClusterChange.Resynced(snapshot);
  }

  /** Applies one event; returns the changes (possibly none). SUBSCRIBED must go to resync. */
  List<ClusterChange> apply(MasterEvent event) {
    List<ClusterChange> changes = new ArrayList<>(1);
    switch (event) {
      case MasterEvent.TaskAdded e -> {
        Task prev = tasks.get(e.task().id());
        if (!TaskStates.isTerminal(e.task().state())) {
          tasks.put(e.task().id(), e.task());
          changes.add(new ClusterChange.TaskChanged(prev, e.task()));
        } else if (prev != null) {
          tasks.remove(prev.id());
          changes.add(new ClusterChange.TaskChanged(prev, null));
        }
      }
      case MasterEvent.TaskUpdated e -> taskUpdated(e, changes);
      case MasterEvent.AgentAdded e -> {
        agents.put(e.agent().id(), e.agent());
        changes.add(new ClusterChange.AgentAdded(e.agent()));
      }
      case MasterEvent.AgentRemoved e -> {
        Agent prev = agents.remove(e.agentId());
        if (prev != null) {
          changes.add(new ClusterChange.AgentRemoved(prev));
        }
      }
      case MasterEvent.FrameworkAdded e -> {
        Framework f = stripTasks(e.framework());
        frameworks.put(f.id(), f);
        changes.add(new ClusterChange.FrameworkAdded(f));
      }
      case MasterEvent.FrameworkRemoved e -> frameworkRemoved(e.frameworkId(), changes);
      case MasterEvent.Subscribed e ->
          throw new IllegalArgumentException("SUBSCRIBED: must be applied with resync()");
      case MasterEvent.Heartbeat e -> {}
      case MasterEvent.Unknown e -> LOG.debug("ignoring event type {}", e.type());
    }
    if (!changes.isEmpty()) {
      rebuild();
    }
    return changes;
  }

  private void taskUpdated(MasterEvent.TaskUpdated e, List<ClusterChange> changes) {
    Task prev = tasks.get(e.taskId());
    if (prev == null) {
      LOG.debug("TASK_UPDATED for unknown task {} ({}); ignored", e.taskId(), e.state());
      return;
    }
    String state = e.state().isEmpty() && e.status() != null ? e.status().state() : e.state();
    if (TaskStates.isTerminal(state)) {
      tasks.remove(prev.id());
      changes.add(new ClusterChange.TaskChanged(prev, null));
      return;
    }
    List<TaskStatus> statuses = new ArrayList<>(prev.statuses());
    if (e.status() != null) {
      statuses.add(e.status());
    }
    Task next = prev.withState(state, statuses);
    tasks.put(next.id(), next);
    changes.add(new ClusterChange.TaskChanged(prev, next));
  }

  private void frameworkRemoved(String frameworkId, List<ClusterChange> changes) {
    for (Task t : List.copyOf(tasks.values())) {
      if (t.frameworkId().equals(frameworkId)) {
        tasks.remove(t.id());
        changes.add(new ClusterChange.TaskChanged(t, null));
      }
    }
    Framework prev = frameworks.remove(frameworkId);
    if (prev != null) {
      changes.add(new ClusterChange.FrameworkRemoved(prev));
    }
  }

  private void rebuild() {
    Map<String, List<Task>> byFramework = new LinkedHashMap<>();
    for (Task t : tasks.values()) {
      byFramework.computeIfAbsent(t.frameworkId(), k -> new ArrayList<>()).add(t);
    }
    Map<String, Framework> full = new LinkedHashMap<>();
    for (Framework f : frameworks.values()) {
      List<Task> ts = byFramework.getOrDefault(f.id(), List.of());
      full.put(f.id(), new Framework(f.id(), f.name(), f.hostname(), f.pid(), f.active(), ts));
    }
    MasterState state =
        new MasterState(leader, List.copyOf(agents.values()), List.copyOf(full.values()));
    snapshot = new ClusterSnapshot(++version, leader, state, agents, full, tasks);
  }

  private static Framework stripTasks(Framework f) {
    return f.tasks().isEmpty()
        ? f
        : new Framework(f.id(), f.name(), f.hostname(), f.pid(), f.active(), List.of());
  }
}
