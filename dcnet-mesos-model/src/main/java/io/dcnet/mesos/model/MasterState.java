package io.dcnet.mesos.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable view of the cluster as the leading master reports it: the subset of {@code
 * /master/state} (or v1 {@code GET_STATE} plus {@code GET_MASTER}) that dcnet uses.
 *
 * <p>Thread-safe: immutable; safe to hand between threads.
 *
 * @param leader the leader PID, {@code master@ip:port}; empty when unknown
 * @param agents registered agents, in master order
 * @param frameworks registered frameworks (active or not), in master order
 */
public record MasterState(String leader, List<Agent> agents, List<Framework> frameworks) {
  public MasterState {
    leader = leader == null ? "" : leader;
    agents = List.copyOf(agents);
    frameworks = List.copyOf(frameworks);
  }

  /** Agents by id; on duplicate ids the first wins. */
  public Map<String, Agent> agentsById() {
    return agents.stream().collect(Collectors.toMap(Agent::id, Function.identity(), (a, b) -> a));
  }

  /** The parsed leader PID, if the leader field is well-formed. */
  public Optional<Pid> leaderPid() {
    return Pid.parse(leader);
  }
}
