package io.dcnet.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns a host from a PID (framework, agent, master) into IP addresses (Mesos-DNS's {@code
 * hostToIPs}; dcos-net resolves agent host names the same way). Implementations must return an IP
 * literal as itself without any DNS lookup, and an empty list when a name cannot be resolved (never
 * throw).
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface HostResolver {
  /** The addresses of {@code host}, or an empty list. */
  List<InetAddress> resolve(String host);

  /** IP literals as themselves, names through the OS resolver (all A and AAAA results). */
  static HostResolver system() {
    return host -> {
      Optional<InetAddress> literal = IpLiterals.parse(host);
      if (literal.isPresent()) {
        return List.of(literal.get());
      }
      if (host == null || host.isEmpty()) {
        return List.of();
      }
      try {
        return Arrays.asList(InetAddress.getAllByName(host));
      } catch (UnknownHostException | SecurityException e) {
        return List.of();
      }
    };
  }

  /** IP literals only; every name is unresolvable. For tests and DNS-free setups. */
  static HostResolver literalsOnly() {
    return host -> IpLiterals.parse(host).map(List::of).orElse(List.of());
  }
}
