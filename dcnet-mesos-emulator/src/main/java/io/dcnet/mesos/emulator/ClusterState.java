package io.dcnet.mesos.emulator;

import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.NetworkInfo;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStates;
import io.dcnet.mesos.model.TaskStatus;
import io.dcnet.mesos.v1.AgentState;
import io.dcnet.mesos.v1.V1Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The emulated cluster's mutable state: agents, frameworks, non-terminal tasks (terminal ones move
 * to a bounded completed list, as in Mesos). Every change publishes the matching v1 event JSON to
 * the sink.
 *
 * <p>Not thread-safe: owned by {@link ClusterController}, which calls it only while holding its
 * lock.
 */
final class ClusterState {
  private static final int COMPLETED_LIMIT = 1000;

  private final String clusterId = UUID.randomUUID().toString();
  private final Consumer<byte[]> events;
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final Map<String, Framework> frameworks = new LinkedHashMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Deque<Task> completed = new ArrayDeque<>();
  private int nextAgent;
  private int nextFramework;
  private double lastTimestamp;

  ClusterState(MasterState initial, Consumer<byte[]> events) {
    this.events = events;
    for (Agent a : initial.agents()) {
      agents.put(a.id(), a);
    }
    for (Framework f : initial.frameworks()) {
      frameworks.put(f.id(), withoutTasks(f));
      for (Task t : f.tasks()) {
        Task own = t.withFrameworkId(f.id());
        // Real masters can report two tasks with one id (the upstream fixture does): keep both,
        // under a distinct key for the second; operations by id address the first.
        String key = own.id();
        for (int n = 1; tasks.containsKey(key); n++) {
          key = own.id() + "#duplicate-" + n;
        }
        tasks.put(key, own);
      }
    }
  }

  MasterState snapshot(String leader) {
    List<Framework> fws = new ArrayList<>();
    for (Framework f : frameworks.values()) {
      List<Task> own = tasks.values().stream().filter(t -> t.frameworkId().equals(f.id())).toList();
      fws.add(new Framework(f.id(), f.name(), f.hostname(), f.pid(), f.active(), own));
    }
    return new MasterState(leader, List.copyOf(agents.values()), fws);
  }

  AgentState agentSnapshot(String agentId) {
    List<Framework> fws = new ArrayList<>();
    for (Framework f : frameworks.values()) {
      List<Task> own =
          tasks.values().stream()
              .filter(t -> t.frameworkId().equals(f.id()) && t.agentId().equals(agentId))
              .toList();
      if (!own.isEmpty()) {
        fws.add(new Framework(f.id(), f.name(), f.hostname(), "", true, own));
      }
    }
    return new AgentState(fws);
  }

  List<Task> completedTasks() {
    return List.copyOf(completed);
  }

  String newAgentId() {
    String id;
    do {
      id = clusterId + "-S" + nextAgent++;
    } while (agents.containsKey(id));
    return id;
  }

  void addAgent(Agent agent) {
    agents.put(agent.id(), agent);
    events.accept(V1Json.renderAgentAdded(agent));
  }

  boolean hasAgent(String id) {
    return agents.containsKey(id);
  }

  /** Sends TASK_GONE for each of the agent's tasks, then AGENT_REMOVED. */
  void removeAgent(String agentId) {
    require(agents.containsKey(agentId), "agentId", agentId, "a registered agent");
    for (Task t : List.copyOf(tasks.values())) {
      if (t.agentId().equals(agentId)) {
        setState(t.id(), "TASK_GONE", null);
      }
    }
    agents.remove(agentId);
    events.accept(V1Json.renderAgentRemoved(agentId));
  }

  String addFramework(String name, String hostname, String pid) {
    String id;
    do {
      id = String.format("%s-%04d", clusterId, nextFramework++);
    } while (frameworks.containsKey(id));
    Framework f = new Framework(id, name, hostname, pid, true, List.of());
    frameworks.put(id, f);
    events.accept(V1Json.renderFrameworkAdded(f, false));
    return id;
  }

  /** Kills the framework's tasks (TASK_KILLED), then sends FRAMEWORK_REMOVED. */
  void removeFramework(String frameworkId) {
    Framework f = frameworks.get(frameworkId);
    require(f != null, "frameworkId", frameworkId, "a registered framework");
    for (Task t : List.copyOf(tasks.values())) {
      if (t.frameworkId().equals(frameworkId)) {
        setState(t.id(), "TASK_KILLED", null);
      }
    }
    frameworks.remove(frameworkId);
    events.accept(V1Json.renderFrameworkRemoved(f));
  }

  /** TASK_ADDED in TASK_STAGING, then TASK_UPDATED to TASK_RUNNING. Returns the task id. */
  String launch(TaskSpec spec) {
    require(
        frameworks.containsKey(spec.frameworkId()),
        "frameworkId",
        spec.frameworkId(),
        "a registered framework");
    require(agents.containsKey(spec.agentId()), "agentId", spec.agentId(), "a registered agent");
    String id = spec.id().isEmpty() ? spec.name() + "." + UUID.randomUUID() : spec.id();
    require(!tasks.containsKey(id), "id", id, "an id no running task has");
    Task staging =
        new Task(
            id,
            spec.name(),
            spec.frameworkId(),
            spec.agentId(),
            "TASK_STAGING",
            spec.hostPorts(),
            List.of(),
            spec.discovery(),
            spec.labels());
    tasks.put(id, staging);
    events.accept(V1Json.renderTaskAdded(staging));
    List<NetworkInfo> infos =
        spec.containerIps().isEmpty() && spec.portMappings().isEmpty()
            ? List.of()
            : List.of(new NetworkInfo(spec.containerIps(), "", "", spec.portMappings()));
    append(staging, new TaskStatus(Task.RUNNING, now(), List.of(), infos, spec.healthy()));
    return id;
  }

  /**
   * Appends a status in {@code state}; terminal states move the task to the completed list. {@code
   * healthy} null keeps the previous status's health flag.
   */
  void setState(String taskId, String state, Boolean healthy) {
    Task t = tasks.get(taskId);
    require(t != null, "taskId", taskId, "a non-terminal task");
    TaskStatus last = t.latestStatus().orElse(null);
    List<NetworkInfo> infos = last == null ? List.of() : last.networkInfos();
    Boolean health = healthy != null ? healthy : last == null ? null : last.healthy();
    append(t, new TaskStatus(state, now(), List.of(), infos, health));
  }

  Task task(String taskId) {
    Task t = tasks.get(taskId);
    require(t != null, "taskId", taskId, "a non-terminal task");
    return t;
  }

  private void append(Task t, TaskStatus status) {
    List<TaskStatus> statuses = new ArrayList<>(t.statuses());
    statuses.add(status);
    Task updated = t.withState(status.state(), statuses);
    if (TaskStates.isTerminal(status.state())) {
      tasks.remove(t.id());
      completed.addLast(updated);
      if (completed.size() > COMPLETED_LIMIT) {
        completed.removeFirst();
      }
    } else {
      tasks.put(t.id(), updated);
    }
    events.accept(
        V1Json.renderTaskUpdated(t.frameworkId(), t.id(), t.agentId(), status.state(), status));
  }

  /** Wall-clock seconds, strictly increasing so that "newest status" is never ambiguous. */
  private double now() {
    double ts = Math.max(System.currentTimeMillis() / 1000.0, lastTimestamp + 0.001);
    lastTimestamp = ts;
    return ts;
  }

  private static Framework withoutTasks(Framework f) {
    return new Framework(f.id(), f.name(), f.hostname(), f.pid(), f.active(), List.of());
  }

  private static void require(boolean ok, String field, String value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: " + expected + ")");
    }
  }
}
