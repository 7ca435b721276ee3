package io.dcnet.discovery;

/**
 * The failover phases of dcos-net's Mesos listener (spec dcos-net.md 2.5), as run by {@link
 * MesosZoneController}.
 */
public enum FailoverPhase {
  /** No subscription yet: nothing is published. */
  INIT,
  /** Resubscribed; agents known before are still missing: wait for them (at most 10 min). */
  AWAIT_AGENTS,
  /** Agents are back (or the wait ran out): give their tasks time to arrive (10 s). */
  AWAIT_TASKS,
  /** The zone is published exactly as computed and follows every change. */
  SERVE
}
