package io.dcnet.discovery;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.core.net.HostResolver;
import io.dcnet.core.net.IpLiterals;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.NetworkInfo;
import io.dcnet.mesos.model.Pid;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import io.dcnet.mesos.stream.ClusterSnapshot;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the {@code dcos.thisdcos.directory} zone from Mesos state (spec dcos-net.md 2.4). For each
 * {@code TASK_RUNNING} task whose agent and framework are known, with {@code T} = sanitized task
 * name ({@code discovery.name} if set, else the task name) and {@code F} = sanitized framework
 * name:
 *
 * <ul>
 *   <li>{@code T.F.agentip.dcos.thisdcos.directory} → the agent's IPs (from its PID);
 *   <li>{@code T.F.containerip.dcos.thisdcos.directory} → the task IPs (absent if none);
 *   <li>{@code T.F.autoip.dcos.thisdcos.directory} → the agent IPs if the task has a host port or
 *       no IPs, else the task IPs.
 * </ul>
 *
 * <p>Plus {@code master.dcos.thisdcos.directory} (every master) and {@code
 * leader.dcos.thisdcos.directory} (the leader). IPv4 gives A, IPv6 gives AAAA.
 *
 * <p>Host port: the model has no port mappings yet, so "has a host port mapping" is read as "has a
 * {@code ports} resource" ({@link Task#ports()} non-empty): on a container network a host port is
 * only reachable through a mapping, and on the host network the task IPs are the agent IPs anyway.
 *
 * <p>Task IPs: {@code container_status.network_infos[].ip_addresses} of the newest status (by
 * timestamp) that carries any address.
 *
 * <p>Thread-safe if the {@link HostResolver} is (it holds no state).
 */
public final class TaskRecords {
  /** The zone these records belong to. */
  public static final String ZONE = "dcos.thisdcos.directory";

  private final HostResolver resolver;

  public TaskRecords(HostResolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** Builds the whole zone of a stream snapshot; the leader is the snapshot's. */
  public DnsZone build(ClusterSnapshot snapshot, List<String> masters) {
    return build(snapshot.state(), snapshot.leader(), masters);
  }

  /** Builds the whole zone of a state; {@code leaderPid} is {@code master@ip:port} or empty. */
  public DnsZone build(MasterState state, String leaderPid, List<String> masters) {
    RecordTable table = new RecordTable();
    Map<String, Agent> agents = state.agentsById();
    for (Framework f : state.frameworks()) {
      for (Task t : f.tasks()) {
        Agent agent = agents.get(t.agentId());
        if (agent != null) {
          table.add(forTask(t, agentIps(agent), f.name()));
        }
      }
    }
    table.add(forMasters(masters));
    table.add(forLeader(leaderPid));
    return table.toZone(ZONE);
  }

  /**
   * The entries of one task. Empty unless the task is {@code TASK_RUNNING} and both labels are
   * non-empty after sanitizing.
   *
   * @param agentIps the agent's IPs ({@link #agentIps}); may be empty if it could not be resolved
   * @param frameworkName the framework's name (unsanitized)
   */
  public List<ZoneEntry> forTask(Task task, List<InetAddress> agentIps, String frameworkName) {
    if (!Task.RUNNING.equals(task.state())) {
      return List.of();
    }
    String discoveryName = task.discovery() == null ? "" : task.discovery().name();
    String taskLabel = LabelSanitizer.label(discoveryName.isEmpty() ? task.name() : discoveryName);
    String fwLabel = LabelSanitizer.label(frameworkName);
    if (taskLabel.isEmpty() || fwLabel.isEmpty()) {
      return List.of();
    }
    String prefix = taskLabel + "." + fwLabel + ".";
    List<InetAddress> taskIps = taskIps(task);
    List<InetAddress> auto = !task.ports().isEmpty() || taskIps.isEmpty() ? agentIps : taskIps;
    List<ZoneEntry> out = new ArrayList<>();
    addAll(out, prefix + "agentip." + ZONE, agentIps);
    addAll(out, prefix + "containerip." + ZONE, taskIps);
    addAll(out, prefix + "autoip." + ZONE, auto);
    return out;
  }

  /** {@code master.dcos.thisdcos.directory} for each master (IP literal or host name). */
  public List<ZoneEntry> forMasters(List<String> masters) {
    List<ZoneEntry> out = new ArrayList<>();
    Set<InetAddress> ips = new LinkedHashSet<>();
    for (String m : masters) {
      ips.addAll(resolver.resolve(m));
    }
    addAll(out, "master." + ZONE, List.copyOf(ips));
    return out;
  }

  /** {@code leader.dcos.thisdcos.directory} from a leader PID; empty if there is none. */
  public List<ZoneEntry> forLeader(String leaderPid) {
    List<ZoneEntry> out = new ArrayList<>();
    Pid.parse(leaderPid).ifPresent(p -> addAll(out, "leader." + ZONE, resolver.resolve(p.host())));
    return out;
  }

  /** The agent's IPs: its PID host (literal, else resolved), else its resolved host name. */
  public List<InetAddress> agentIps(Agent agent) {
    String host = Pid.parse(agent.pid()).map(Pid::host).orElse(agent.hostname());
    return host.isEmpty() ? List.of() : List.copyOf(resolver.resolve(host));
  }

  /** The task IPs, in order, without duplicates; non-literals are skipped. */
  public static List<InetAddress> taskIps(Task task) {
    List<TaskStatus> byNewest = new ArrayList<>(task.statuses());
    byNewest.sort(Comparator.comparingDouble(TaskStatus::timestamp).reversed());
    for (TaskStatus s : byNewest) {
      Set<InetAddress> ips = new LinkedHashSet<>();
      for (NetworkInfo ni : s.networkInfos()) {
        for (String ip : ni.effectiveAddresses()) {
          IpLiterals.parse(ip).ifPresent(ips::add);
        }
      }
      if (!ips.isEmpty()) {
        return List.copyOf(ips);
      }
    }
    return List.of();
  }

  private static void addAll(List<ZoneEntry> out, String name, List<InetAddress> ips) {
    for (InetAddress ip : ips) {
      String text = IpLiterals.format(ip);
      ZoneRecord r = IpLiterals.isV4(ip) ? new ZoneRecord.A(text) : new ZoneRecord.Aaaa(text);
      out.add(new ZoneEntry(name, r));
    }
  }
}
