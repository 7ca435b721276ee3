package io.dcnet.l4lb.agent;

import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.NetworkInfo;
import io.dcnet.mesos.model.PortMapping;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import io.dcnet.mesos.v1.AgentState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-built Mesos tasks for the tests. Test thread only. */
final class Tasks {
  private Tasks() {}

  static DiscoveryPort port(int number, String protocol, Label... labels) {
    return new DiscoveryPort(number, "p" + number, protocol, List.of(labels));
  }

  static Label label(String key, String value) {
    return new Label(key, value);
  }

  /** A task builder with sensible defaults: TASK_RUNNING, no health check, no IPs. */
  static Builder task(String id) {
    return new Builder(id);
  }

  static AgentState agent(String framework, Task... tasks) {
    return new AgentState(List.of(new Framework("fw-0", framework, "", "", true, List.of(tasks))));
  }

  static final class Builder {
    private final String id;
    private String state = Task.RUNNING;
    private Boolean healthy;
    private List<Integer> hostPorts = List.of();
    private List<String> ips = List.of();
    private List<PortMapping> mappings = List.of();
    private final List<DiscoveryPort> ports = new ArrayList<>();
    private List<Label> labels = List.of();

    Builder(String id) {
      this.id = id;
    }

    Builder state(String s) {
      state = s;
      return this;
    }

    Builder healthy(Boolean h) {
      healthy = h;
      return this;
    }

    Builder hostPorts(Integer... p) {
      hostPorts = Arrays.asList(p);
      return this;
    }

    Builder ips(String... i) {
      ips = List.of(i);
      return this;
    }

    Builder mappings(PortMapping... m) {
      mappings = List.of(m);
      return this;
    }

    Builder discovery(DiscoveryPort... p) {
      ports.addAll(List.of(p));
      return this;
    }

    Builder labels(Label... l) {
      labels = List.of(l);
      return this;
    }

    Task build() {
      List<NetworkInfo> infos =
          ips.isEmpty() && mappings.isEmpty()
              ? List.of()
              : List.of(new NetworkInfo(ips, "", "", mappings));
      List<TaskStatus> statuses = new ArrayList<>();
      statuses.add(new TaskStatus(Task.RUNNING, 100, List.of(), infos, healthy));
      if (!state.equals(Task.RUNNING)) {
        statuses.add(new TaskStatus(state, 200, List.of(), List.of(), healthy));
      }
      DiscoveryInfo d = ports.isEmpty() ? null : new DiscoveryInfo(id, "CLUSTER", ports, List.of());
      return new Task(id, id, "fw-0", "agent-0", state, hostPorts, statuses, d, labels);
    }
  }
}
