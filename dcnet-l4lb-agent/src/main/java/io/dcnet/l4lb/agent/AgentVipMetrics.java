package io.dcnet.l4lb.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent-side L4LB metrics (spec dcos-net.md 3.5): gauges {@code local_vips}, {@code
 * local_tasks}, {@code local_running_tasks}, {@code local_backends}; counters {@code
 * malformed_vip_labels_total{task,label}} (one increment per distinct malformed label value seen,
 * removed when the task no longer carries it, so that finished tasks do not pile up) and {@code
 * local_poll_failures_total}. Also writes the one WARN line per distinct malformed label.
 *
 * <p>Not thread-safe: owned by the poller thread (gauges are read by any thread).
 */
final class AgentVipMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(AgentVipMetrics.class);

  private final MeterRegistry registry;
  private final AtomicInteger vips = new AtomicInteger();
  private final AtomicInteger tasks = new AtomicInteger();
  private final AtomicInteger runningTasks = new AtomicInteger();
  private final AtomicInteger backends = new AtomicInteger();
  private final Counter pollFailures;
  private final Map<List<String>, Counter> malformed = new HashMap<>();
  private Set<VipLabelProblem> seen = Set.of();

  AgentVipMetrics(MeterRegistry registry) {
    this.registry = registry;
    gauge("local_vips", "VIPs with backends on this agent", vips);
    gauge("local_tasks", "non-terminal tasks on this agent", tasks);
    gauge("local_running_tasks", "TASK_RUNNING tasks on this agent", runningTasks);
    gauge("local_backends", "VIP backends on this agent", backends);
    pollFailures =
        Counter.builder("local_poll_failures_total")
            .description("failed GET_STATE polls of the local agent")
            .register(registry);
  }

  private void gauge(String name, String help, AtomicInteger value) {
    Gauge.builder(name, value, AtomicInteger::get).description(help).register(registry);
  }

  void pollFailed() {
    pollFailures.increment();
  }

  void update(LocalVipsSnapshot s) {
    vips.set(s.backends().size());
    tasks.set(s.tasks());
    runningTasks.set(s.runningTasks());
    backends.set(s.backendCount());
    Set<VipLabelProblem> now = new HashSet<>(s.problems());
    Set<List<String>> liveKeys = new HashSet<>();
    for (VipLabelProblem p : s.problems()) {
      List<String> key = List.of(p.taskId(), p.label());
      liveKeys.add(key);
      if (!seen.contains(p)) {
        LOG.warn("malformed VIP label ignored: {}", p.message());
        malformed
            .computeIfAbsent(
                key,
                k ->
                    Counter.builder("malformed_vip_labels_total")
                        .description("malformed VIP labels seen on this agent's tasks")
                        .tag("task", p.taskId())
                        .tag("label", p.label())
                        .register(registry))
            .increment();
      }
    }
    malformed
        .entrySet()
        .removeIf(
            e -> {
              if (liveKeys.contains(e.getKey())) {
                return false;
              }
              registry.remove(e.getValue());
              return true;
            });
    seen = now;
  }
}
