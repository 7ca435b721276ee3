package io.dcnet.l4lb.model;

import io.dcnet.core.net.IpLiterals;
import java.util.Objects;

/**
 * One backend of a VIP, as the agent that runs it publishes it. Immutable.
 *
 * @param agentIp the IP of the agent the task runs on (used for reachability)
 * @param ip the address to send traffic to (the agent IP for host ports, else the task IP)
 * @param port the port to send traffic to
 * @param weight 1 for a healthy running task, 0 for an unhealthy or killing one (drained: no new
 *     connections, existing ones continue)
 */
public record Backend(String agentIp, String ip, int port, int weight)
    implements Comparable<Backend> {
  public Backend {
    Objects.requireNonNull(agentIp, "agentIp");
    Objects.requireNonNull(ip, "ip");
    agentIp = IpLiterals.canonical("agentIp", agentIp);
    ip = IpLiterals.canonical("ip", ip);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
    }
    if (weight < 0) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: 0 or more)");
    }
  }

  /**
   * By address, port, agent and weight (written out: a comparator chain costs a build at scale).
   */
  @Override
  public int compareTo(Backend o) {
    int c = ip.compareTo(o.ip);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(port, o.port);
    if (c != 0) {
      return c;
    }
    c = agentIp.compareTo(o.agentIp);
    return c != 0 ? c : Integer.compare(weight, o.weight);
  }
}
