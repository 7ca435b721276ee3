package io.dcnet.discovery;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.stream.ClusterSnapshot;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code dcos.thisdcos.directory} content, kept in step with the cluster incrementally: each
 * task's entries ({@link TaskRecords#forTask}) are kept by task id and reference-counted in a
 * {@link RecordTable}; a task, agent or framework change recomputes only the tasks it touches.
 * Tasks whose agent or framework is unknown are held back (no records) until both are known. The
 * leader and master entries live in the same table.
 *
 * <p>Not thread-safe: guarded by {@link MesosZoneController}'s lock.
 */
final class ClusterEntriesTracker {
  private final TaskRecords records;
  private final RecordTable table = new RecordTable();
  private final Map<String, List<InetAddress>> agentIps = new HashMap<>();
  private final Map<String, String> frameworkNames = new HashMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, List<ZoneEntry>> taskEntries = new HashMap<>();
  private List<ZoneEntry> masterEntries = List.of();

  ClusterEntriesTracker(TaskRecords records) {
    this.records = records;
  }

  /**
   * Replaces everything with {@code s} (the master entries are kept until {@link #replaceMasters}).
   *
   * @return the ids of agents known before that are absent from {@code s}
   */
  Set<String> reset(ClusterSnapshot s) {
    Set<String> missing = new HashSet<>(agentIps.keySet());
    table.clear();
    agentIps.clear();
    frameworkNames.clear();
    tasks.clear();
    taskEntries.clear();
    s.agents().values().forEach((Agent a) -> agentIps.put(a.id(), records.agentIps(a)));
    s.frameworks().values().forEach((Framework f) -> frameworkNames.put(f.id(), f.name()));
    tasks.putAll(s.tasks());
    tasks.keySet().forEach(this::recompute);
    table.add(records.forLeader(s.leader()));
    table.add(masterEntries);
    missing.removeAll(agentIps.keySet());
    return missing;
  }

  /** A task was added, updated ({@code current} non-null) or removed ({@code current} null). */
  void taskChanged(String taskId, Task current) {
    if (current == null) {
      tasks.remove(taskId);
    } else {
      tasks.put(taskId, current);
    }
    recompute(taskId);
  }

  void agentAdded(Agent agent) {
    agentIps.put(agent.id(), records.agentIps(agent));
    recomputeWhere(t -> t.agentId().equals(agent.id()));
  }

  void agentRemoved(String agentId) {
    agentIps.remove(agentId);
    recomputeWhere(t -> t.agentId().equals(agentId));
  }

  void frameworkAdded(Framework framework) {
    frameworkNames.put(framework.id(), framework.name());
    recomputeWhere(t -> t.frameworkId().equals(framework.id()));
  }

  void frameworkRemoved(String frameworkId) {
    frameworkNames.remove(frameworkId);
    recomputeWhere(t -> t.frameworkId().equals(frameworkId));
  }

  /**
   * Swaps the master entries ({@link TaskRecords#forMasters}) for {@code next}.
   *
   * @return true if they differ from the current ones (the zone changed)
   */
  boolean replaceMasters(List<ZoneEntry> next) {
    if (next.equals(masterEntries)) {
      return false;
    }
    table.remove(masterEntries);
    masterEntries = next;
    table.add(masterEntries);
    return true;
  }

  /** The zone as computed now. */
  DnsZone toZone() {
    return table.toZone(TaskRecords.ZONE);
  }

  private void recomputeWhere(Predicate<Task> p) {
    tasks.values().stream().filter(p).map(Task::id).toList().forEach(this::recompute);
  }

  private void recompute(String taskId) {
    List<ZoneEntry> old = taskEntries.remove(taskId);
    if (old != null) {
      table.remove(old);
    }
    Task t = tasks.get(taskId);
    if (t == null) {
      return;
    }
    List<InetAddress> ips = agentIps.get(t.agentId());
    String fw = frameworkNames.get(t.frameworkId());
    if (ips == null || fw == null) {
      return; // held back until agent and framework are known
    }
    List<ZoneEntry> entries = records.forTask(t, ips, fw);
    if (!entries.isEmpty()) {
      taskEntries.put(taskId, entries);
      table.add(entries);
    }
  }
}
