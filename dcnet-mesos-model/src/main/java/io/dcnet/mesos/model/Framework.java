package io.dcnet.mesos.model;

import java.util.List;
import java.util.Objects;

/**
 * A registered framework.
 *
 * @param pid the scheduler PID ({@code scheduler(1)@ip:port}), or empty for HTTP-API frameworks
 *     (and always empty when read from the v1 API, which has no scheduler PID)
 */
public record Framework(
    String id, String name, String hostname, String pid, boolean active, List<Task> tasks) {
  public Framework {
    Objects.requireNonNull(id, "id");
    name = name == null ? "" : name;
    hostname = hostname == null ? "" : hostname;
    pid = pid == null ? "" : pid;
    tasks = List.copyOf(tasks);
  }
}
