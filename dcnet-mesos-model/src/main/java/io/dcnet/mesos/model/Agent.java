package io.dcnet.mesos.model;

import java.util.Objects;

/**
 * A registered agent.
 *
 * @param pid {@code slave(1)@ip:port} or {@code slave(1)@[v6]:port}; empty if unknown
 */
public record Agent(String id, String hostname, String pid) {
  public Agent {
    Objects.requireNonNull(id, "id");
    hostname = hostname == null ? "" : hostname;
    pid = pid == null ? "" : pid;
  }
}
