package io.dcnet.discovery;

import io.dcnet.core.net.IpLiterals;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Turns an agent or master host (IP literal or host name) into addresses. Used for agent PIDs that
 * carry a host name instead of an IP (dcos-net resolves those through its own DNS).
 *
 * <p>Implementations must be thread-safe. They may block (DNS); failures give an empty list.
 */
@FunctionalInterface
public interface HostResolver {

  /** The addresses of {@code host}; empty if it cannot be resolved. */
  List<InetAddress> resolve(String host);

  /** Accepts IP literals only; host names resolve to nothing. */
  static HostResolver literalsOnly() {
    return host -> IpLiterals.parse(host).map(List::of).orElse(List.of());
  }

  /** IP literals directly, host names through the JVM resolver ({@link InetAddress}). */
  static HostResolver system() {
    return host -> {
      var literal = IpLiterals.parse(host);
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
}
