package io.dcnet.mesos.v1;

import io.dcnet.mesos.model.Framework;
import java.util.List;

/**
 * What one agent's v1 {@code GET_STATE} reports: its frameworks, each carrying the agent's
 * non-terminal tasks of that framework. Framework PIDs are always empty (v1 has none).
 *
 * <p>Thread-safe: immutable.
 */
public record AgentState(List<Framework> frameworks) {
  public AgentState {
    frameworks = List.copyOf(frameworks);
  }
}
