package io.dcnet.l4lb.agent;

import io.dcnet.core.net.HostPort;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.agent.AgentStateClient;
import io.dcnet.mesos.v1.AgentState;
import java.io.IOException;

/**
 * Where the poller gets the local agent's state from: normally {@link #of} the agent's {@code
 * GET_STATE}; tests may inject failures. Implementations are called from the poller thread only.
 */
@FunctionalInterface
public interface AgentStateSource {
  /** The agent's current state; blocks the caller. */
  AgentState fetch() throws IOException, MesosStateException, InterruptedException;

  /** {@code GET_STATE} of the agent at {@code agent} ({@code ip:5051} normally). */
  static AgentStateSource of(AgentStateClient client, HostPort agent) {
    return () -> client.getState(agent);
  }
}
