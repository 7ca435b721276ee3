package io.dcnet.mesos.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as the master reports it.
 *
 * @param ports host ports from {@code resources.ports}, expanded, in order
 * @param discovery the DiscoveryInfo, or null when the framework set none
 */
public record Task(
    String id,
    String name,
    String frameworkId,
    String agentId,
    String state,
    List<Integer> ports,
    List<TaskStatus> statuses,
    DiscoveryInfo discovery,
    List<Label> labels) {
  public static final String RUNNING = "TASK_RUNNING";

  public Task {
    Objects.requireNonNull(id, "id");
    name = name == null ? "" : name;
    frameworkId = frameworkId == null ? "" : frameworkId;
    agentId = agentId == null ? "" : agentId;
    state = state == null ? "" : state;
    ports = List.copyOf(ports);
    statuses = List.copyOf(statuses);
    labels = List.copyOf(labels);
  }

  /**
   * The newest {@code TASK_RUNNING} status by timestamp (the array is not in time order). Ties keep
   * the earlier entry.
   */
  public Optional<TaskStatus> latestRunningStatus() {
    return statuses.stream()
        .filter(s -> RUNNING.equals(s.state()))
        .reduce((a, b) -> b.timestamp() > a.timestamp() ? b : a);
  }

  /** The newest status of any state, by timestamp. */
  public Optional<TaskStatus> latestStatus() {
    return statuses.stream().max(Comparator.comparingDouble(TaskStatus::timestamp));
  }

  /** Returns a copy that belongs to {@code newFrameworkId}, or this task if it already does. */
  public Task withFrameworkId(String newFrameworkId) {
    if (frameworkId.equals(newFrameworkId)) {
      return this;
    }
    return new Task(id, name, newFrameworkId, agentId, state, ports, statuses, discovery, labels);
  }

  /** Returns a copy with another state and status list (for applying stream updates). */
  public Task withState(String newState, List<TaskStatus> newStatuses) {
    return new Task(
        id, name, frameworkId, agentId, newState, ports, newStatuses, discovery, labels);
  }
}
