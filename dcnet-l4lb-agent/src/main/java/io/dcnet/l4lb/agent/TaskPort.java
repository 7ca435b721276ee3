package io.dcnet.l4lb.agent;

import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipId;
import java.util.List;
import java.util.Objects;

/**
 * One port of a task as VIP discovery sees it: a discovery port, a legacy {@code VIP_PORT<n>} port
 * resource, or a Mesos port mapping, and the VIPs declared on it. Immutable.
 *
 * @param protocol the transport protocol
 * @param containerPort the port inside the task's network namespace (on the task IP), 0 if unknown
 * @param hostPort the port on the agent IP, 0 if none
 * @param vips the VIPs this port serves (possibly none, e.g. for a bare port mapping)
 */
public record TaskPort(Protocol protocol, int containerPort, int hostPort, List<VipId> vips) {
  public TaskPort {
    Objects.requireNonNull(protocol, "protocol");
    check("containerPort", containerPort);
    check("hostPort", hostPort);
    if (containerPort == 0 && hostPort == 0) {
      throw new IllegalArgumentException("containerPort, hostPort: both 0 (expected: one set)");
    }
    vips = List.copyOf(vips);
  }

  private static void check(String field, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(field + ": " + port + " (expected: 0-65535)");
    }
  }
}
