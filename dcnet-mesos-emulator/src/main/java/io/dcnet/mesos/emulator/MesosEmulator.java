package io.dcnet.mesos.emulator;

import com.sun.net.httpserver.HttpServer;
import io.dcnet.core.net.HostPort;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.v1.AgentState;
import io.dcnet.mesos.v1.V1Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Mesos master/agent emulator speaking the real HTTP APIs over loopback: v0 {@code
 * /master/state}, the v1 operator API ({@code GET_STATE}, {@code GET_MASTER}, {@code SUBSCRIBE}
 * event stream with heartbeats) and the agent {@code GET_STATE}. Leader moves, lost leadership, cut
 * or stalled streams and malformed state can be injected. Built with {@link #builder()}.
 *
 * <p>Thread-safe: every public method may be called from any thread; changes are applied under one
 * lock, so events reach every subscriber in the order the changes were made, and a new subscriber's
 * {@code SUBSCRIBED} snapshot is consistent with the events that follow it. {@link #close()} stops
 * every server and thread.
 */
public final class MesosEmulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MesosEmulator.class);

  private final Object lock = new Object();
  private final EmulatorServers servers = new EmulatorServers();
  private final int masterPort0;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final List<String> addresses;
  private final Duration heartbeat;
  private final String token;
  private final EventStreams streams;
  private final List<HttpServer> masters = new ArrayList<>();
  private final Map<String, HttpServer> agentServers = new LinkedHashMap<>(); // guarded by lock
  private ClusterState cluster; // guarded by lock
  private volatile int port;
  private int leader; // guarded by lock; -1 = no leader
  private byte[] override; // guarded by lock
  private boolean closed; // guarded by lock

  MesosEmulator(List<String> addresses, int masterPort0, Duration heartbeat, String token) {
    this.masterPort0 = masterPort0;
    this.addresses = List.copyOf(addresses);
    this.heartbeat = heartbeat;
    this.token = token;
    this.streams = new EventStreams(heartbeat);
  }

  public static MesosEmulatorBuilder builder() {
    return new MesosEmulatorBuilder();
  }

  void startMasters(MasterState init) throws IOException {
    synchronized (lock) {
      cluster = new ClusterState(init, streams::publish);
      masters.addAll(servers.bindMasters(addresses, masterPort0));
      port = masters.get(0).getAddress().getPort();
      for (int i = 0; i < masters.size(); i++) {
        masters.get(i).createContext("/", new MasterHandler(this, i));
        servers.start(masters.get(i));
      }
      leader = 0;
    }
    LOG.info("Mesos emulator: masters {} on port {}, leader {}", addresses, port, leaderPid());
  }

  // ---- masters and leadership ----

  /** {@code http://ip:port} of each master, in builder order. */
  public List<String> masterUrls() {
    return addresses.stream().map(a -> "http://" + new HostPort(a, port)).toList();
  }

  public List<String> masterAddresses() {
    return addresses;
  }

  public int masterPort() {
    return port;
  }

  /** The leading master's index, or -1 when there is no leader. */
  public int leaderIndex() {
    synchronized (lock) {
      return leader;
    }
  }

  /** {@code master@ip:port} of the leader, or empty when there is none. */
  public String leaderPid() {
    synchronized (lock) {
      return leader < 0 ? "" : "master@" + new HostPort(addresses.get(leader), port);
    }
  }

  /** Makes master {@code idx} the leader; open event streams end. */
  public void moveLeader(int idx) {
    if (idx < 0 || idx >= addresses.size()) {
      throw new IllegalArgumentException(
          "idx: " + idx + " (expected: 0-" + (addresses.size() - 1) + ")");
    }
    synchronized (lock) {
      leader = idx;
      streams.endAll();
    }
    LOG.info("Mesos emulator: leader is now {}", leaderPid());
  }

  /** No master leads: every request gets 503; open event streams end. */
  public void setNoLeader() {
    synchronized (lock) {
      leader = -1;
      streams.endAll();
    }
    LOG.info("Mesos emulator: no leader");
  }

  // ---- agents and frameworks ----

  /** Starts an agent endpoint on {@code ip}:ephemeral and registers it (AGENT_ADDED). */
  public String addAgent(String hostname, String ip) throws IOException {
    HttpServer server = servers.bind(ip);
    synchronized (lock) {
      if (closed) {
        server.stop(0);
        throw new IllegalStateException("emulator: closed");
      }
      String id = cluster.newAgentId();
      server.createContext("/", new AgentHandler(this, id));
      servers.start(server);
      agentServers.put(id, server);
      String pid = "slave(1)@" + new HostPort(ip, server.getAddress().getPort());
      cluster.addAgent(new Agent(id, hostname, pid));
      LOG.info("Mesos emulator: agent {} added ({})", id, pid);
      return id;
    }
  }

  /** {@code http://ip:port} of an agent started by {@link #addAgent}. */
  public String agentUrl(String agentId) {
    synchronized (lock) {
      HttpServer s = agentServers.get(agentId);
      if (s == null) {
        throw new IllegalArgumentException("agentId: " + agentId + " (expected: an added agent)");
      }
      return "http://"
          + new HostPort(s.getAddress().getAddress().getHostAddress(), s.getAddress().getPort());
    }
  }

  /** The agent's tasks get TASK_GONE, then AGENT_REMOVED; its endpoint stops. */
  public void removeAgent(String agentId) {
    HttpServer server;
    synchronized (lock) {
      cluster.removeAgent(agentId);
      server = agentServers.remove(agentId);
    }
    if (server != null) {
      server.stop(0);
    }
    LOG.info("Mesos emulator: agent {} removed", agentId);
  }

  /** Registers an HTTP-API framework (no scheduler PID); FRAMEWORK_ADDED. */
  public String addFramework(String name, String hostname) {
    return addFramework(name, hostname, "");
  }

  /** Registers a framework with a scheduler PID ({@code scheduler(1)@ip:port}, v0 only). */
  public String addFramework(String name, String hostname, String pid) {
    synchronized (lock) {
      checkOpen();
      String id = cluster.addFramework(name, hostname, pid);
      LOG.info("Mesos emulator: framework {} added ({})", id, name);
      return id;
    }
  }

  /** Kills the framework's tasks, then FRAMEWORK_REMOVED. */
  public void removeFramework(String frameworkId) {
    synchronized (lock) {
      cluster.removeFramework(frameworkId);
    }
  }

  // ---- tasks ----

  /** TASK_ADDED (TASK_STAGING), then TASK_UPDATED (TASK_RUNNING). Returns the task id. */
  public String launchTask(TaskSpec spec) {
    synchronized (lock) {
      checkOpen();
      String id = cluster.launch(spec);
      LOG.info("Mesos emulator: task {} running on {}", id, spec.agentId());
      return id;
    }
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
    synchronized (lock) {
      cluster.task(taskId);
      cluster.setState(taskId, Task.RUNNING, healthy);
    }
  }

  /** A new status in {@code state}; terminal states remove the task from the master's tasks. */
  public void setState(String taskId, String state) {
    synchronized (lock) {
      cluster.setState(taskId, state, null);
    }
  }

  // ---- stream and state faults ----

  /** Closes every open SUBSCRIBE stream; clients must resubscribe. */
  public void cutStreams() {
    synchronized (lock) {
      streams.endAll();
    }
  }

  /** While true, open streams send nothing, heartbeats included; connections stay open. */
  public void stallStreams(boolean stall) {
    streams.setStalled(stall);
  }

  /** Number of open SUBSCRIBE streams. */
  public int openStreamCount() {
    return streams.openCount();
  }

  /** Serves these bytes at {@code /master/state} instead of the real state. */
  public void overrideMasterState(byte[] raw) {
    synchronized (lock) {
      override = raw.clone();
    }
  }

  public void clearOverride() {
    synchronized (lock) {
      override = null;
    }
  }

  /** The current state; {@code leader} is {@link #leaderPid()}. */
  public MasterState state() {
    synchronized (lock) {
      return cluster.snapshot(leaderPid());
    }
  }

  /** Terminal tasks, oldest first (bounded). */
  public List<Task> completedTasks() {
    synchronized (lock) {
      return cluster.completedTasks();
    }
  }

  /**
   * Requests seen for a path on any master, e.g. {@code /master/state} or {@code /api/v1}; {@code
   * /api/v1#SUBSCRIBE} counts one call type; agent requests are under {@code agent:/api/v1}.
   */
  public int requestCount(String path) {
    AtomicInteger n = requests.get(path);
    return n == null ? 0 : n.get();
  }

  /** Stops every server and thread. Idempotent. */
  @Override
  public void close() {
    List<HttpServer> toStop = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      streams.endAll();
      streams.setStalled(false);
      toStop.addAll(masters);
      toStop.addAll(agentServers.values());
      agentServers.clear();
    }
    toStop.forEach(s -> s.stop(0));
    try {
      servers.shutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("Mesos emulator: stopped");
  }

  // ---- package-private, for the handlers ----

  void count(String key) {
    requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  String requiredToken() {
    return token;
  }

  byte[] masterStateOverride() {
    synchronized (lock) {
      return override;
    }
  }

  String masterId(int index) {
    return "master-" + index;
  }

  AgentState agentState(String agentId) {
    synchronized (lock) {
      return cluster.agentSnapshot(agentId);
    }
  }

  EventStreams streams() {
    return streams;
  }

  /** A new stream with the SUBSCRIBED snapshot, or null if {@code index} no longer leads. */
  EventStreams.Stream openStream(int index) {
    synchronized (lock) {
      if (closed || leader != index) {
        return null;
      }
      double hb = heartbeat.toMillis() / 1000.0;
      return streams.open(V1Json.renderSubscribed(cluster.snapshot(""), hb));
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("emulator: closed");
    }
  }
}
