package io.dcnet.l4lb.agent;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.NetworkInfo;
import io.dcnet.mesos.model.PortMapping;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import io.dcnet.mesos.v1.AgentState;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the local agent's {@code GET_STATE} into this agent's VIP backends (spec dcos-net.md 3.1).
 *
 * <ul>
 *   <li>Tasks in {@code TASK_RUNNING} and {@code TASK_KILLING} count; weight 1 when running and not
 *       unhealthy, 0 when the last health check failed or the task is being killed (drained).
 *   <li>A port with a host port → backend {@code (agentIp, agentIp, hostPort)}; else {@code
 *       (agentIp, taskIp, containerPort)} for each task IP of an acceptable family: an IP VIP's own
 *       family; for a named VIP IPv4, plus IPv6 when IPv6 is enabled. A task that reports no IP at
 *       all runs on the host network: its IP is the agent IP.
 *   <li>Mesos port mappings ({@code container_status.network_infos[].port_mappings}) join the port
 *       with the same protocol and container port (or host port), so a VIP on a mapped port is
 *       published as the host port; each mapping also becomes a {@link LocalPortMappings} entry
 *       {@code (agentIp, hostPort) → (first task IP of the agent's family, containerPort)}.
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
public final class AgentBackendsExtractor {
  static final String KILLING = "TASK_KILLING";

  private AgentBackendsExtractor() {}

  /**
   * This agent's backends, port mappings and malformed labels.
   *
   * @param agentIp this agent's IP literal
   * @param ipv6Enabled whether named VIPs get IPv6 task addresses as backends
   */
  public static LocalVipsSnapshot extract(AgentState state, String agentIp, boolean ipv6Enabled) {
    InetAddress agent =
        IpLiterals.parse(agentIp)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "agentIp: " + agentIp + " (expected: an IP address)"));
    String agentText = IpLiterals.format(agent);
    Map<VipId, Map<String, Backend>> byVip = new HashMap<>();
    Map<LocalPortMappings.MappedPort, LocalPortMappings.Target> mappings = new LinkedHashMap<>();
    List<VipLabelProblem> problems = new ArrayList<>();
    int tasks = 0;
    int running = 0;
    for (Framework f : state.frameworks()) {
      List<Task> sorted = f.tasks().stream().sorted(Comparator.comparing(Task::id)).toList();
      for (Task t : sorted) {
        tasks++;
        boolean isRunning = Task.RUNNING.equals(t.state());
        if (isRunning) {
          running++;
        } else if (!KILLING.equals(t.state())) {
          continue;
        }
        VipLabelParser.Result parsed = VipLabelParser.parse(t, f.name());
        problems.addAll(parsed.problems());
        List<NetworkInfo> infos = networkInfos(t);
        List<InetAddress> ips = taskIps(infos);
        List<TaskPort> ports = mergePortMappings(parsed.ports(), infos);
        addMappings(infos, ips, agent, agentText, mappings);
        if (ips.isEmpty()) {
          ips = List.of(agent);
        }
        boolean unhealthy =
            Boolean.FALSE.equals(t.latestStatus().map(TaskStatus::healthy).orElse(null));
        int weight = isRunning && !unhealthy ? 1 : 0;
        for (TaskPort p : ports) {
          for (VipId vip : p.vips()) {
            for (Backend b : backends(vip, p, agent, agentText, ips, weight, ipv6Enabled)) {
              byVip
                  .computeIfAbsent(vip, v -> new HashMap<>())
                  .merge(b.ip() + "|" + b.port(), b, (x, y) -> x.weight() >= y.weight() ? x : y);
            }
          }
        }
      }
    }
    Map<VipId, List<Backend>> out = new HashMap<>();
    byVip.forEach((vip, m) -> out.put(vip, List.copyOf(m.values())));
    return new LocalVipsSnapshot(
        agentText, out, new LocalPortMappings(mappings), problems, tasks, running);
  }

  private static List<Backend> backends(
      VipId vip,
      TaskPort p,
      InetAddress agent,
      String agentText,
      List<InetAddress> ips,
      int weight,
      boolean ipv6Enabled) {
    Optional<InetAddress> vipIp = vip.address();
    if (p.hostPort() > 0) {
      if (vipIp.isPresent() && IpLiterals.isV6(vipIp.get()) != IpLiterals.isV6(agent)) {
        return List.of();
      }
      return List.of(new Backend(agentText, agentText, p.hostPort(), weight));
    }
    List<Backend> out = new ArrayList<>();
    for (InetAddress ip : ips) {
      boolean v6 = IpLiterals.isV6(ip);
      boolean ok = vipIp.isPresent() ? IpLiterals.isV6(vipIp.get()) == v6 : !v6 || ipv6Enabled;
      if (ok) {
        out.add(new Backend(agentText, IpLiterals.format(ip), p.containerPort(), weight));
      }
    }
    return out;
  }

  /**
   * The network infos of the newest status that has any (statuses are not in time order; a KILLING
   * status may come without them).
   */
  static List<NetworkInfo> networkInfos(Task t) {
    return t.statuses().stream()
        .filter(s -> !s.networkInfos().isEmpty())
        .reduce((a, b) -> b.timestamp() > a.timestamp() ? b : a)
        .map(TaskStatus::networkInfos)
        .orElse(List.of());
  }

  private static List<InetAddress> taskIps(List<NetworkInfo> infos) {
    Set<InetAddress> out = new LinkedHashSet<>();
    for (NetworkInfo ni : infos) {
      for (String ip : ni.effectiveAddresses()) {
        IpLiterals.parse(ip.strip()).ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }

  /** Port mappings join the discovery port with the same protocol and container or host port. */
  static List<TaskPort> mergePortMappings(List<TaskPort> ports, List<NetworkInfo> infos) {
    List<TaskPort> out = new ArrayList<>(ports);
    for (NetworkInfo ni : infos) {
      for (PortMapping pm : ni.portMappings()) {
        for (Protocol proto : mappingProtocols(pm)) {
          for (int i = 0; i < out.size(); i++) {
            TaskPort tp = out.get(i);
            if (tp.protocol() == proto
                && (tp.containerPort() == pm.containerPort() || tp.hostPort() == pm.hostPort())) {
              out.set(i, new TaskPort(proto, pm.containerPort(), pm.hostPort(), tp.vips()));
            }
          }
        }
      }
    }
    return out;
  }

  private static void addMappings(
      List<NetworkInfo> infos,
      List<InetAddress> ips,
      InetAddress agent,
      String agentText,
      Map<LocalPortMappings.MappedPort, LocalPortMappings.Target> mappings) {
    Optional<InetAddress> container =
        ips.stream().filter(ip -> IpLiterals.isV6(ip) == IpLiterals.isV6(agent)).findFirst();
    if (container.isEmpty()) {
      return;
    }
    for (NetworkInfo ni : infos) {
      for (PortMapping pm : ni.portMappings()) {
        for (Protocol proto : mappingProtocols(pm)) {
          mappings.putIfAbsent(
              new LocalPortMappings.MappedPort(proto, agentText, pm.hostPort()),
              new LocalPortMappings.Target(IpLiterals.format(container.get()), pm.containerPort()));
        }
      }
    }
  }

  private static List<Protocol> mappingProtocols(PortMapping pm) {
    try {
      return VipLabelParser.protocols(pm.protocol());
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }
}
