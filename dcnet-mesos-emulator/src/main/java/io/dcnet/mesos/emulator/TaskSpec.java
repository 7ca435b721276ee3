package io.dcnet.mesos.emulator;

import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.PortMapping;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What to launch with {@link MesosEmulator#launchTask}. Start from {@link #of} and refine with the
 * {@code with*} methods.
 *
 * <p>Thread-safe: immutable.
 *
 * @param id the task id, or empty for {@code <name>.<uuid>}
 * @param hostPorts host ports (the {@code ports} resource), in order
 * @param containerIps container IPs reported in {@code container_status.network_infos}
 * @param discovery DiscoveryInfo, or null for none
 * @param healthy the health-check result of the RUNNING status, or null for no health check
 * @param portMappings {@code container_status.network_infos[0].port_mappings} (host port →
 *     container port), reported with the container IPs
 */
public record TaskSpec(
    String frameworkId,
    String agentId,
    String name,
    String id,
    List<Integer> hostPorts,
    List<String> containerIps,
    DiscoveryInfo discovery,
    List<Label> labels,
    Boolean healthy,
    List<PortMapping> portMappings) {
  public TaskSpec {
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(name, "name");
    id = id == null ? "" : id;
    hostPorts = List.copyOf(hostPorts);
    for (int p : hostPorts) {
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("hostPorts: " + p + " (expected: 1-65535)");
      }
    }
    containerIps = List.copyOf(containerIps);
    labels = List.copyOf(labels);
    portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
  }

  /** The constructor without port mappings (kept for existing callers). */
  public TaskSpec(
      String frameworkId,
      String agentId,
      String name,
      String id,
      List<Integer> hostPorts,
      List<String> containerIps,
      DiscoveryInfo discovery,
      List<Label> labels,
      Boolean healthy) {
    this(
        frameworkId,
        agentId,
        name,
        id,
        hostPorts,
        containerIps,
        discovery,
        labels,
        healthy,
        List.of());
  }

  /** A task with no ports, IPs, discovery info, labels or health check. */
  public static TaskSpec of(String frameworkId, String agentId, String name) {
    return new TaskSpec(
        frameworkId, agentId, name, "", List.of(), List.of(), null, List.of(), null);
  }

  public TaskSpec withId(String newId) {
    return new TaskSpec(
        frameworkId,
        agentId,
        name,
        newId,
        hostPorts,
        containerIps,
        discovery,
        labels,
        healthy,
        portMappings);
  }

  public TaskSpec withHostPorts(Integer... ports) {
    return new TaskSpec(
        frameworkId,
        agentId,
        name,
        id,
        Arrays.asList(ports),
        containerIps,
        discovery,
        labels,
        healthy,
        portMappings);
  }

  public TaskSpec withContainerIps(String... ips) {
    return new TaskSpec(
        frameworkId,
        agentId,
        name,
        id,
        hostPorts,
        List.of(ips),
        discovery,
        labels,
        healthy,
        portMappings);
  }

  public TaskSpec withDiscovery(DiscoveryInfo info) {
    return new TaskSpec(
        frameworkId,
        agentId,
        name,
        id,
        hostPorts,
        containerIps,
        info,
        labels,
        healthy,
        portMappings);
  }

  public TaskSpec withLabels(List<Label> newLabels) {
    return new TaskSpec(
        frameworkId,
        agentId,
        name,
        id,
        hostPorts,
        containerIps,
        discovery,
        newLabels,
        healthy,
        portMappings);
  }

  public TaskSpec withHealthy(Boolean isHealthy) {
    return new TaskSpec(
        frameworkId,
        agentId,
        name,
        id,
        hostPorts,
        containerIps,
        discovery,
        labels,
        isHealthy,
        portMappings);
  }

  /**
   * Port mappings reported in the RUNNING status's network info (with the container IPs; a network
   * info is reported even when there are no container IPs).
   */
  public TaskSpec withPortMappings(PortMapping... mappings) {
    return new TaskSpec(
        frameworkId,
        agentId,
        name,
        id,
        hostPorts,
        containerIps,
        discovery,
        labels,
        healthy,
        List.of(mappings));
  }
}
