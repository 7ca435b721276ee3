package io.dcnet.mesos.emulator;

import com.sun.net.httpserver.HttpServer;
import io.dcnet.core.net.HostPort;
import io.dcnet.mesos.model.Agent;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts, finds and stops the HTTP endpoints of the agents added at run time: each gets its own
 * server on an ephemeral port serving an {@link AgentHandler}, registered in the cluster only once
 * it serves. After {@link #stopAll()} no endpoint can be registered any more, so none outlives the
 * emulator.
 *
 * <p>Thread-safe: the registry is guarded by this object's monitor, which is taken inside the
 * cluster lock (never the other way round); servers are stopped outside both.
 */
final class AgentEndpoints {
  private final EmulatorServers servers;
  private final ClusterController cluster;
  private final RequestCounter requests;
  private final String token;
  private final Map<String, HttpServer> byId = new LinkedHashMap<>(); // guarded by this
  private boolean stopped; // guarded by this

  AgentEndpoints(
      EmulatorServers servers, ClusterController cluster, RequestCounter requests, String token) {
    this.servers = servers;
    this.cluster = cluster;
    this.requests = requests;
    this.token = token;
  }

  /** Binds {@code ip}:ephemeral, serves the agent there and registers it (AGENT_ADDED). */
  Agent add(String hostname, String ip) throws IOException {
    HttpServer server = servers.bind(ip);
    String pid = "slave(1)@" + new HostPort(ip, server.getAddress().getPort());
    try {
      return cluster.addAgent(hostname, pid, id -> register(id, server));
    } catch (RuntimeException e) {
      server.stop(0);
      throw e;
    }
  }

  /** Starts serving agent {@code agentId}; runs under the cluster lock, before AGENT_ADDED. */
  private synchronized void register(String agentId, HttpServer server) {
    if (stopped) {
      throw new IllegalStateException("emulator: closed");
    }
    server.createContext("/", new AgentHandler(cluster, requests, token, agentId));
    servers.start(server);
    byId.put(agentId, server);
  }

  /** {@code http://ip:port} of a started agent endpoint. */
  synchronized String url(String agentId) {
    HttpServer s = byId.get(agentId);
    if (s == null) {
      throw new IllegalArgumentException("agentId: " + agentId + " (expected: an added agent)");
    }
    return "http://"
        + new HostPort(s.getAddress().getAddress().getHostAddress(), s.getAddress().getPort());
  }

  /** Unregisters the agent (TASK_GONE for its tasks, AGENT_REMOVED), then stops its endpoint. */
  void remove(String agentId) {
    cluster.removeAgent(agentId);
    HttpServer server;
    synchronized (this) {
      server = byId.remove(agentId);
    }
    if (server != null) {
      server.stop(0);
    }
  }

  /** Stops every endpoint and refuses new ones. Idempotent. */
  void stopAll() {
    List<HttpServer> all;
    synchronized (this) {
      stopped = true;
      all = List.copyOf(byId.values());
      byId.clear();
    }
    all.forEach(s -> s.stop(0));
  }
}
