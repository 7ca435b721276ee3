package io.dcnet.mesos.model;

import java.util.List;

/**
 * The parts of a Mesos TaskStatus that dcnet reads.
 *
 * @param state e.g. {@code TASK_RUNNING}
 * @param timestamp seconds since the epoch
 * @param labels status labels (the legacy Docker/Mesos IP labels live here)
 * @param networkInfos {@code container_status.network_infos}
 * @param healthy the health-check result, or null when the task has no health check
 */
public record TaskStatus(
    String state,
    double timestamp,
    List<Label> labels,
    List<NetworkInfo> networkInfos,
    Boolean healthy) {
  public TaskStatus {
    state = state == null ? "" : state;
    labels = List.copyOf(labels);
    networkInfos = List.copyOf(networkInfos);
  }
}
