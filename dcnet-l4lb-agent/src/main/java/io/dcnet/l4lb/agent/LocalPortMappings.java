package io.dcnet.l4lb.agent;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.Protocol;
import java.net.InetAddress;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The Mesos port mappings of this agent's tasks, for the local data plane (spec dcos-net.md 3.3,
 * DCOS_OSS-2070): a backend published as {@code agentIp:hostPort} that is really a port mapping of
 * a task on this agent is reached locally at {@code containerIp:containerPort} (the kernel's VIP
 * NAT happens before the port-mapper's DNAT would). Other agents keep using the host port.
 *
 * <p>As a function: {@code (protocol, backend)} → the backend to program on this agent (the same
 * backend when no mapping applies).
 *
 * <p>Thread-safe: immutable.
 *
 * @param mappings (protocol, agent IP, host port) → (container IP, container port), sorted
 */
public record LocalPortMappings(Map<MappedPort, Target> mappings)
    implements BiFunction<Protocol, Backend, Backend> {
  /** No mappings. */
  public static final LocalPortMappings EMPTY = new LocalPortMappings(Map.of());

  /** The published side of a mapping: an agent IP and host port. */
  public record MappedPort(Protocol protocol, String agentIp, int hostPort)
      implements Comparable<MappedPort> {
    public MappedPort {
      Objects.requireNonNull(protocol, "protocol");
      agentIp = canonical("agentIp", agentIp);
      checkPort("hostPort", hostPort);
    }

    @Override
    public int compareTo(MappedPort o) {
      int c = agentIp.compareTo(o.agentIp);
      if (c == 0) {
        c = Integer.compare(hostPort, o.hostPort);
      }
      return c != 0 ? c : protocol.compareTo(o.protocol);
    }
  }

  /** The local side of a mapping: the container IP and port. */
  public record Target(String ip, int port) {
    public Target {
      ip = canonical("ip", ip);
      checkPort("port", port);
    }
  }

  public LocalPortMappings {
    mappings = Collections.unmodifiableMap(new TreeMap<>(mappings));
  }

  /** The local target of {@code agentIp:hostPort}, if it is a port mapping. */
  public Optional<Target> lookup(Protocol protocol, String agentIp, int hostPort) {
    Optional<InetAddress> ip = IpLiterals.parse(agentIp);
    if (ip.isEmpty() || hostPort < 1 || hostPort > 65535) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        mappings.get(new MappedPort(protocol, IpLiterals.format(ip.get()), hostPort)));
  }

  /**
   * The backend to program locally: {@code backend} rewritten to the container address when it
   * points at a mapped host port of its own agent, else {@code backend} itself.
   */
  @Override
  public Backend apply(Protocol protocol, Backend backend) {
    if (!backend.ip().equals(backend.agentIp())) {
      return backend;
    }
    return lookup(protocol, backend.ip(), backend.port())
        .map(t -> new Backend(backend.agentIp(), t.ip(), t.port(), backend.weight()))
        .orElse(backend);
  }

  private static String canonical(String field, String ip) {
    Objects.requireNonNull(ip, field);
    return IpLiterals.canonical(field, ip);
  }

  private static void checkPort(String field, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(field + ": " + port + " (expected: 1-65535)");
    }
  }
}
