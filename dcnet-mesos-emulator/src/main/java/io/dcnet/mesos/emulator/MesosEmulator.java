package io.dcnet.mesos.emulator;

import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Mesos master/agent emulator speaking the real HTTP APIs over loopback: v0 {@code
 * /master/state}, the v1 operator API ({@code GET_STATE}, {@code GET_MASTER}, {@code SUBSCRIBE}
 * event stream with heartbeats) and the agent {@code GET_STATE}. Leader moves, lost leadership, cut
 * or stalled streams and malformed state can be injected. Built with {@link #builder()}.
 *
 * <p>This class is the public face and owns the servers' lifecycle; the cluster model, leadership
 * and event streams live in {@link ClusterController}, the HTTP servers in {@link MasterEndpoints}
 * and {@link AgentEndpoints}, the request handling in {@link MasterHandler} and {@link
 * AgentHandler}.
 *
 * <p>Thread-safe: every public method may be called from any thread; changes are applied under one
 * lock, so events reach every subscriber in the order the changes were made, and a new subscriber's
 * {@code SUBSCRIBED} snapshot is consistent with the events that follow it. {@link #close()} stops
 * every server and thread.
 */
public final class MesosEmulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MesosEmulator.class);

  private final EmulatorServers servers;
  private final MasterEndpoints masters;
  private final ClusterController cluster;
  private final RequestCounter requests = new RequestCounter();
  private final AgentEndpoints agents;

  private MesosEmulator(
      EmulatorServers servers, MasterEndpoints masters, ClusterController cluster, String token) {
    this.servers = servers;
    this.masters = masters;
    this.cluster = cluster;
    this.agents = new AgentEndpoints(servers, cluster, requests, token);
  }

  public static MesosEmulatorBuilder builder() {
    return new MesosEmulatorBuilder();
  }

  /** Binds one master per address (all on {@code port}, 0 = a free one) and starts serving. */
  static MesosEmulator start(
      List<String> addresses, int port, Duration heartbeat, String token, MasterState init)
      throws IOException {
    EmulatorServers servers = new EmulatorServers();
    MasterEndpoints masters = MasterEndpoints.bind(servers, addresses, port);
    ClusterController cluster = new ClusterController(masters.topology(), init, heartbeat);
    MesosEmulator emu = new MesosEmulator(servers, masters, cluster, token);
    masters.serve(cluster, emu.requests, token);
    LOG.info(
        "Mesos emulator: masters {} on port {}, leader {}",
        addresses,
        emu.masterPort(),
        emu.leaderPid());
    return emu;
  }

  // ---- masters and leadership ----

  /** {@code http://ip:port} of each master, in builder order. */
  public List<String> masterUrls() {
    return cluster.masters().urls();
  }

  public List<String> masterAddresses() {
    return cluster.masters().addresses();
  }

  public int masterPort() {
    return cluster.masters().port();
  }

  /** The leading master's index, or -1 when there is no leader. */
  public int leaderIndex() {
    return cluster.leaderIndex();
  }

  /** {@code master@ip:port} of the leader, or empty when there is none. */
  public String leaderPid() {
    return cluster.leaderPid();
  }

  /** Makes master {@code idx} the leader; open event streams end. */
  public void moveLeader(int idx) {
    cluster.moveLeader(idx);
    LOG.info("Mesos emulator: leader is now {}", leaderPid());
  }

  /** No master leads: every request gets 503; open event streams end. */
  public void setNoLeader() {
    cluster.setNoLeader();
    LOG.info("Mesos emulator: no leader");
  }

  // ---- agents and frameworks ----

  /** Starts an agent endpoint on {@code ip}:ephemeral and registers it (AGENT_ADDED). */
  public String addAgent(String hostname, String ip) throws IOException {
    Agent agent = agents.add(hostname, ip);
    LOG.info("Mesos emulator: agent {} added ({})", agent.id(), agent.pid());
    return agent.id();
  }

  /** {@code http://ip:port} of an agent started by {@link #addAgent}. */
  public String agentUrl(String agentId) {
    return agents.url(agentId);
  }

  /** The agent's tasks get TASK_GONE, then AGENT_REMOVED; its endpoint stops. */
  public void removeAgent(String agentId) {
    agents.remove(agentId);
    LOG.info("Mesos emulator: agent {} removed", agentId);
  }

  /** Registers an HTTP-API framework (no scheduler PID); FRAMEWORK_ADDED. */
  public String addFramework(String name, String hostname) {
    return addFramework(name, hostname, "");
  }

  /** Registers a framework with a scheduler PID ({@code scheduler(1)@ip:port}, v0 only). */
  public String addFramework(String name, String hostname, String pid) {
    String id = cluster.addFramework(name, hostname, pid);
    LOG.info("Mesos emulator: framework {} added ({})", id, name);
    return id;
  }

  /** Kills the framework's tasks, then FRAMEWORK_REMOVED. */
  public void removeFramework(String frameworkId) {
    cluster.removeFramework(frameworkId);
  }

  // ---- tasks ----

  /** TASK_ADDED (TASK_STAGING), then TASK_UPDATED (TASK_RUNNING). Returns the task id. */
  public String launchTask(TaskSpec spec) {
    String id = cluster.launch(spec);
    LOG.info("Mesos emulator: task {} running on {}", id, spec.agentId());
    return id;
  }

  public void killTask(String taskId) {
    setState(taskId, "TASK_KILLED");
  }

  public void failTask(String taskId) {
    setState(taskId, "TASK_FAILED");
  }

  public void finishTask(String taskId) {
    setState(taskId, "TASK_FINISHED");
  }

  /** A new TASK_RUNNING status with this health-check result. */
  public void setHealthy(String taskId, boolean healthy) {
    cluster.setHealthy(taskId, healthy);
  }

  /** A new status in {@code state}; terminal states remove the task from the master's tasks. */
  public void setState(String taskId, String state) {
    cluster.setState(taskId, state);
  }

  // ---- stream and state faults ----

  /** Closes every open SUBSCRIBE stream; clients must resubscribe. */
  public void cutStreams() {
    cluster.cutStreams();
  }

  /** While true, open streams send nothing, heartbeats included; connections stay open. */
  public void stallStreams(boolean stall) {
    cluster.streams().setStalled(stall);
  }

  /** Number of open SUBSCRIBE streams. */
  public int openStreamCount() {
    return cluster.streams().openCount();
  }

  /** Serves these bytes at {@code /master/state} instead of the real state. */
  public void overrideMasterState(byte[] raw) {
    cluster.setOverride(raw.clone());
  }

  public void clearOverride() {
    cluster.setOverride(null);
  }

  /** The current state; {@code leader} is {@link #leaderPid()}. */
  public MasterState state() {
    return cluster.state();
  }

  /** Terminal tasks, oldest first (bounded). */
  public List<Task> completedTasks() {
    return cluster.completedTasks();
  }

  /**
   * Requests seen for a path on any master, e.g. {@code /master/state} or {@code /api/v1}; {@code
   * /api/v1#SUBSCRIBE} counts one call type; agent requests are under {@code agent:/api/v1}.
   */
  public int requestCount(String path) {
    return requests.get(path);
  }

  /** Stops every server and thread. Idempotent. */
  @Override
  public void close() {
    if (!cluster.close()) {
      return;
    }
    masters.stopAll();
    agents.stopAll();
    try {
      servers.shutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("Mesos emulator: stopped");
  }
}
