package io.dcnet.mesos.model;

/**
 * One {@code container_status.network_infos[].port_mappings[]} entry (Mesos containerizer port
 * mapping, e.g. the CNI port-mapper plugin on a bridge network): traffic to {@code hostPort} on the
 * agent reaches {@code containerPort} inside the container. Immutable.
 *
 * @param hostPort the agent port, 1-65535
 * @param containerPort the port inside the container, 1-65535
 * @param protocol free text as written (normally {@code tcp} or {@code udp}); empty when absent
 */
public record PortMapping(int hostPort, int containerPort, String protocol) {
  public PortMapping {
    if (hostPort < 1 || hostPort > 65535) {
      throw new IllegalArgumentException("hostPort: " + hostPort + " (expected: 1-65535)");
    }
    if (containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException(
          "containerPort: " + containerPort + " (expected: 1-65535)");
    }
    protocol = protocol == null ? "" : protocol;
  }
}
