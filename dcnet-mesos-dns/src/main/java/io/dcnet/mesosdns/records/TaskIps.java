package io.dcnet.mesosdns.records;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.NetworkInfo;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mesos-DNS's task IP sources (spec/mesos-dns.md section 3.7): the sources are tried in configured
 * order and the first one that yields at least one parsable IP supplies all of its IPs. {@code
 * netinfo}, {@code docker} and {@code mesos} read only the newest {@code TASK_RUNNING} status.
 *
 * <p>Thread-safe: stateless.
 */
final class TaskIps {
  static final String DOCKER_IP_LABEL = "Docker.NetworkSettings.IPAddress";
  static final String MESOS_IP_LABEL = "MesosContainerizer.NetworkSettings.IPAddress";

  private TaskIps() {}

  /** The task's IPs from the first source that yields any; empty if none does. */
  static List<InetAddress> of(Task task, List<String> sources, List<InetAddress> agentIps) {
    Optional<TaskStatus> status = task.latestRunningStatus();
    for (String source : sources) {
      List<InetAddress> ips =
          switch (source) {
            case "host" -> agentIps;
            case "netinfo" -> parse(status.map(TaskIps::netinfo).orElse(List.of()));
            case "docker" -> parse(status.map(s -> labels(s, DOCKER_IP_LABEL)).orElse(List.of()));
            case "mesos" -> parse(status.map(s -> labels(s, MESOS_IP_LABEL)).orElse(List.of()));
            default -> List.of();
          };
      if (!ips.isEmpty()) {
        return ips;
      }
    }
    return List.of();
  }

  private static List<String> netinfo(TaskStatus status) {
    List<String> out = new ArrayList<>();
    for (NetworkInfo ni : status.networkInfos()) {
      out.addAll(ni.effectiveAddresses());
    }
    return out;
  }

  private static List<String> labels(TaskStatus status, String key) {
    List<String> out = new ArrayList<>();
    for (Label l : status.labels()) {
      if (l.key().equals(key)) {
        out.add(l.value());
      }
    }
    return out;
  }

  private static List<InetAddress> parse(List<String> texts) {
    List<InetAddress> out = new ArrayList<>();
    for (String t : texts) {
      IpLiterals.parse(t).ifPresent(out::add);
    }
    return out;
  }
}
