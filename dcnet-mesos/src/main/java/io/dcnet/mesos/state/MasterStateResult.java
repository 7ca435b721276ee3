package io.dcnet.mesos.state;

import io.dcnet.core.net.HostPort;
import io.dcnet.mesos.model.MasterState;
import java.util.Objects;

/**
 * A fetched {@code /master/state} and the master that served it.
 *
 * <p>Thread-safe: immutable.
 *
 * @param state the parsed state; its {@code leader} is never empty
 * @param answeredBy the {@code ip:port} whose response was used (after following the leader)
 */
public record MasterStateResult(MasterState state, HostPort answeredBy) {
  public MasterStateResult {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(answeredBy, "answeredBy");
  }
}
