package io.dcnet.mesos.model;

import io.dcnet.core.net.HostPort;
import java.util.Optional;

/**
 * A libprocess PID, {@code id@host:port}, e.g. {@code master@10.0.0.1:5050} or {@code
 * slave(1)@[2001:db8::1]:5051}.
 */
public record Pid(String id, String host, int port) {

  /** Parses a PID; empty when there is no {@code @} or no parsable {@code host:port} after it. */
  public static Optional<Pid> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int at = text.indexOf('@');
    if (at < 0) {
      return Optional.empty();
    }
    return HostPort.parse(text.substring(at + 1))
        .filter(hp -> !hp.host().isEmpty())
        .map(hp -> new Pid(text.substring(0, at), hp.host(), hp.port()));
  }

  /** The {@code host:port} part, brackets added for IPv6. */
  public HostPort hostPort() {
    return new HostPort(host, port);
  }
}
