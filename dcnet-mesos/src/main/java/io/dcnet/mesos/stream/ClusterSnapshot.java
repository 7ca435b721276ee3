package io.dcnet.mesos.stream;

import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster as the v1 event stream has described it so far.
 *
 * <p>Thread-safe: immutable; a new snapshot is made for every applied event.
 *
 * @param version increases by one with every applied change or resync; 0 before the first
 *     subscription
 * @param leader the master serving the stream, {@code master@ip:port} as its {@code GET_MASTER}
 *     advertises it (the URL's {@code host:port} when that call failed); empty before the first
 *     subscription
 * @param state the same content as a {@link MasterState} (frameworks carry their live tasks; the
 *     {@code leader} field equals {@link #leader()})
 * @param agents agents by agent id, in arrival order
 * @param frameworks frameworks by framework id (their {@code tasks} are filled as in {@code state})
 * @param tasks live (non-terminal) tasks by task id. Mesos task ids are unique only per framework;
 *     on a clash between frameworks the later task replaces the earlier one.
 */
public record ClusterSnapshot(
    long version,
    String leader,
    MasterState state,
    Map<String, Agent> agents,
    Map<String, Framework> frameworks,
    Map<String, Task> tasks) {

  /** Before the first subscription. */
  public static final ClusterSnapshot EMPTY =
      new ClusterSnapshot(
          0, "", new MasterState("", List.of(), List.of()), Map.of(), Map.of(), Map.of());

  public ClusterSnapshot {
    Objects.requireNonNull(leader, "leader");
    Objects.requireNonNull(state, "state");
    agents = Collections.unmodifiableMap(new LinkedHashMap<>(agents));
    frameworks = Collections.unmodifiableMap(new LinkedHashMap<>(frameworks));
    tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
  }
}
