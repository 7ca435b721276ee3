package io.dcnet.mesos.emulator;

import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.v1.AgentState;
import io.dcnet.mesos.v1.V1Json;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The emulated masters' lock-guarded core: the cluster model ({@link ClusterState}), which master
 * leads, the {@code /master/state} override, the closed flag, and the open {@code SUBSCRIBE}
 * streams the model's events are published to. Every change, every leader change and every new
 * subscriber's snapshot happen under one lock, so a stream sees its {@code SUBSCRIBED} snapshot
 * followed by exactly the later events, in order, and a stream is only opened on the current leader
 * of an open emulator.
 *
 * <p>Thread-safe: called from any thread through {@link MesosEmulator}'s public methods and from
 * the HTTP handler threads.
 */
final class ClusterController {
  private final Object lock = new Object();
  private final MasterTopology masters;
  private final Duration heartbeat;
  private final EventStreams streams;
  private final ClusterState cluster; // guarded by lock
  private int leader; // guarded by lock; -1 = no leader
  private byte[] override; // guarded by lock
  private boolean closed; // guarded by lock

  /** Starts with {@code initial}'s agents, frameworks and tasks and master 0 leading. */
  ClusterController(MasterTopology masters, MasterState initial, Duration heartbeat) {
    this.masters = masters;
    this.heartbeat = heartbeat;
    this.streams = new EventStreams(heartbeat);
    this.cluster = new ClusterState(initial, streams::publish);
  }

  MasterTopology masters() {
    return masters;
  }

  // ---- leadership ----

  /** The leading master's index, or -1 when there is no leader. */
  int leaderIndex() {
    synchronized (lock) {
      return leader;
    }
  }

  /** {@code master@ip:port} of the leader, or empty when there is none. */
  String leaderPid() {
    synchronized (lock) {
      return leader < 0 ? "" : masters.pid(leader);
    }
  }

  /** Makes master {@code idx} the leader and ends the open streams. */
  void moveLeader(int idx) {
    masters.checkIndex(idx);
    synchronized (lock) {
      leader = idx;
      streams.endAll();
    }
  }

  /** Leaves the cluster without a leader and ends the open streams. */
  void setNoLeader() {
    synchronized (lock) {
      leader = -1;
      streams.endAll();
    }
  }

  // ---- cluster model ----

  /**
   * Registers an agent under a new id: {@code startEndpoint} gets the id first, so the agent's
   * endpoint serves before AGENT_ADDED is published. Returns the registered agent.
   */
  Agent addAgent(String hostname, String pid, Consumer<String> startEndpoint) {
    synchronized (lock) {
      checkOpen();
      String id = cluster.newAgentId();
      startEndpoint.accept(id);
      Agent agent = new Agent(id, hostname, pid);
      cluster.addAgent(agent);
      return agent;
    }
  }

  void removeAgent(String agentId) {
    synchronized (lock) {
      cluster.removeAgent(agentId);
    }
  }

  String addFramework(String name, String hostname, String pid) {
    synchronized (lock) {
      checkOpen();
      return cluster.addFramework(name, hostname, pid);
    }
  }

  void removeFramework(String frameworkId) {
    synchronized (lock) {
      cluster.removeFramework(frameworkId);
    }
  }

  String launch(TaskSpec spec) {
    synchronized (lock) {
      checkOpen();
      return cluster.launch(spec);
    }
  }

  void setHealthy(String taskId, boolean healthy) {
    synchronized (lock) {
      cluster.task(taskId);
      cluster.setState(taskId, Task.RUNNING, healthy);
    }
  }

  void setState(String taskId, String state) {
    synchronized (lock) {
      cluster.setState(taskId, state, null);
    }
  }

  /** The current state with {@link #leaderPid()} as its leader. */
  MasterState state() {
    synchronized (lock) {
      return cluster.snapshot(leaderPid());
    }
  }

  List<Task> completedTasks() {
    synchronized (lock) {
      return cluster.completedTasks();
    }
  }

  AgentState agentState(String agentId) {
    synchronized (lock) {
      return cluster.agentSnapshot(agentId);
    }
  }

  // ---- /master/state override ----

  /**
   * Bytes to serve at {@code /master/state} instead of the state (kept, not copied); null serves
   * the state again.
   */
  void setOverride(byte[] raw) {
    synchronized (lock) {
      override = raw;
    }
  }

  byte[] override() {
    synchronized (lock) {
      return override;
    }
  }

  // ---- event streams ----

  /** A new stream with the SUBSCRIBED snapshot, or null if master {@code index} does not lead. */
  EventStreams.Stream openStream(int index) {
    synchronized (lock) {
      if (closed || leader != index) {
        return null;
      }
      double hb = heartbeat.toMillis() / 1000.0;
      return streams.open(V1Json.renderSubscribed(cluster.snapshot(""), hb));
    }
  }

  EventStreams streams() {
    return streams;
  }

  void cutStreams() {
    synchronized (lock) {
      streams.endAll();
    }
  }

  /**
   * Marks the emulator closed and ends every stream (un-stalling them so that they finish). Returns
   * false if it was already closed.
   */
  boolean close() {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      closed = true;
      streams.endAll();
      streams.setStalled(false);
      return true;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("emulator: closed");
    }
  }
}
