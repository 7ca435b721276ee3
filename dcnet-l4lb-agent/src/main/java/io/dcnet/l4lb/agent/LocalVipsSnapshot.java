package io.dcnet.l4lb.agent;

import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.VipBackends;
import io.dcnet.l4lb.model.VipId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What VIP discovery found on this agent in one poll. Immutable; handed from the poller thread to
 * listeners.
 *
 * @param agentIp this agent's IP (the {@code agentIp} of every backend)
 * @param backends this agent's backends per VIP, VIPs sorted, backends sorted and distinct; VIPs
 *     without backends are absent
 * @param portMappings local rewrites of this agent's host-port backends to container addresses
 * @param problems malformed VIP labels, in task order
 * @param tasks non-terminal tasks the agent reported
 * @param runningTasks tasks in {@code TASK_RUNNING}
 */
public record LocalVipsSnapshot(
    String agentIp,
    Map<VipId, List<Backend>> backends,
    LocalPortMappings portMappings,
    List<VipLabelProblem> problems,
    int tasks,
    int runningTasks) {
  public LocalVipsSnapshot {
    Objects.requireNonNull(agentIp, "agentIp");
    TreeMap<VipId, List<Backend>> sorted = new TreeMap<>();
    backends.forEach(
        (vip, list) -> {
          List<Backend> b = list.stream().sorted().distinct().toList();
          if (!b.isEmpty()) {
            sorted.put(vip, b);
          }
        });
    backends = Collections.unmodifiableMap(sorted);
    Objects.requireNonNull(portMappings, "portMappings");
    problems = List.copyOf(problems);
  }

  /** An empty snapshot (no tasks). */
  public static LocalVipsSnapshot empty(String agentIp) {
    return new LocalVipsSnapshot(agentIp, Map.of(), LocalPortMappings.EMPTY, List.of(), 0, 0);
  }

  /** Number of backends over all VIPs. */
  public int backendCount() {
    return backends.values().stream().mapToInt(List::size).sum();
  }

  /** The backends as {@link VipBackends}, in VIP order. */
  public List<VipBackends> vipBackends() {
    return backends.entrySet().stream()
        .map(e -> new VipBackends(e.getKey(), e.getValue()))
        .toList();
  }
}
