package io.dcnet.mesos.v1;

import static io.dcnet.mesos.MesosJsonReader.integer;
import static io.dcnet.mesos.MesosJsonReader.optObject;
import static io.dcnet.mesos.MesosJsonReader.reqObject;
import static io.dcnet.mesos.MesosJsonReader.string;
import static io.dcnet.mesos.v1.V1TaskRenderer.obj;
import static io.dcnet.mesos.v1.V1TaskRenderer.wrappedId;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.core.json.Json;
import io.dcnet.mesos.MesosJsonReader;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Pid;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The v1 operator-API JSON codec: decodes {@code SUBSCRIBE} events and the {@code GET_STATE} /
 * {@code GET_MASTER} responses of masters and agents, and renders the same shapes (for the
 * emulator). Render → parse gives back equal records, except that framework PIDs are lost (v1 has
 * none) and a task's empty framework id is filled in from its framework.
 *
 * <p>Errors: malformed JSON or a field of the wrong type throws {@link MesosStateException} naming
 * the path (e.g. {@code task_added.task.statuses[0].timestamp: expected a number, got STRING}).
 *
 * <p>Thread-safe: stateless.
 */
public final class V1Json {
  private V1Json() {}

  // ---- decoding ----

  /** Decodes one event of the {@code SUBSCRIBE} stream; unknown types give {@code Unknown}. */
  public static MasterEvent parseEvent(byte[] json) throws MesosStateException {
    return V1EventParser.parse(MesosJsonReader.readRoot(json, "event"));
  }

  /** Decodes a master {@code GET_STATE} response; the leader is left empty. */
  public static MasterState parseGetState(byte[] json) throws MesosStateException {
    JsonNode root = MesosJsonReader.readRoot(json, "GET_STATE response");
    return V1StateCodec.masterState(reqObject(root, "get_state", "get_state"), "get_state");
  }

  /** Decodes an agent {@code GET_STATE} response. */
  public static AgentState parseAgentGetState(byte[] json) throws MesosStateException {
    JsonNode root = MesosJsonReader.readRoot(json, "agent GET_STATE response");
    return V1StateCodec.agentState(reqObject(root, "get_state", "get_state"), "get_state");
  }

  /**
   * The leader from a {@code GET_MASTER} response: {@code master_info.pid}, else {@code
   * master_info.address.ip} and {@code port} (id {@code master}).
   */
  public static Pid parseGetMaster(byte[] json) throws MesosStateException {
    JsonNode root = MesosJsonReader.readRoot(json, "GET_MASTER response");
    JsonNode gm = reqObject(root, "get_master", "get_master");
    JsonNode info = reqObject(gm, "master_info", "get_master.master_info");
    String p = "get_master.master_info";
    Optional<Pid> pid = Pid.parse(string(info, "pid", p + ".pid"));
    if (pid.isPresent()) {
      return pid.get();
    }
    JsonNode address = optObject(info, "address", p + ".address");
    String ip = address == null ? "" : string(address, "ip", p + ".address.ip");
    if (ip.isEmpty()) {
      throw new MesosStateException(p + ": no usable pid or address.ip (expected: master@ip:port)");
    }
    long port = integer(address, "port", p + ".address.port", 0, 65535);
    if (Json.field(address, "port") == null) {
      port = integer(info, "port", p + ".port", 0, 65535);
    }
    return new Pid("master", ip, (int) port);
  }

  // ---- encoding ----

  public static byte[] renderSubscribed(MasterState state, double heartbeatSeconds) {
    ObjectNode body = obj();
    body.set("get_state", V1StateCodec.masterState(state));
    body.put("heartbeat_interval_seconds", heartbeatSeconds);
    return envelope("SUBSCRIBED", body);
  }

  public static byte[] renderTaskAdded(Task task) {
    ObjectNode body = obj();
    body.set("task", V1TaskRenderer.task(task, task.frameworkId()));
    return envelope("TASK_ADDED", body);
  }

  /** {@code status} carries {@code task_id} and {@code agent_id}, as in the proto. */
  public static byte[] renderTaskUpdated(
      String frameworkId, String taskId, String agentId, String state, TaskStatus status) {
    ObjectNode body = obj();
    body.set("framework_id", wrappedId(frameworkId));
    body.set("status", V1TaskRenderer.status(status, taskId, agentId));
    body.put("state", state);
    return envelope("TASK_UPDATED", body);
  }

  public static byte[] renderAgentAdded(Agent agent) {
    ObjectNode body = obj();
    body.set("agent", V1StateCodec.agent(agent));
    return envelope("AGENT_ADDED", body);
  }

  public static byte[] renderAgentRemoved(String agentId) {
    ObjectNode body = obj();
    body.set("agent_id", wrappedId(agentId));
    return envelope("AGENT_REMOVED", body);
  }

  /**
   * {@code FRAMEWORK_ADDED}, or {@code FRAMEWORK_UPDATED} when {@code updated}; tasks are not sent.
   */
  public static byte[] renderFrameworkAdded(Framework framework, boolean updated) {
    ObjectNode body = obj();
    body.set("framework", V1StateCodec.framework(framework));
    return envelope(updated ? "FRAMEWORK_UPDATED" : "FRAMEWORK_ADDED", body);
  }

  public static byte[] renderFrameworkRemoved(Framework framework) {
    ObjectNode body = obj();
    body.set("framework_info", V1StateCodec.frameworkInfo(framework));
    return envelope("FRAMEWORK_REMOVED", body);
  }

  public static byte[] renderHeartbeat() {
    return write(obj().put("type", "HEARTBEAT"));
  }

  /**
   * Renders any event (the inverse of {@link #parseEvent}); {@code Unknown} renders its type only.
   */
  public static byte[] render(MasterEvent event) {
    return switch (event) {
      case MasterEvent.Subscribed s -> renderSubscribed(s.state(), s.heartbeatIntervalSeconds());
      case MasterEvent.TaskAdded t -> renderTaskAdded(t.task());
      case MasterEvent.TaskUpdated u ->
          renderTaskUpdated(u.frameworkId(), u.taskId(), u.agentId(), u.state(), u.status());
      case MasterEvent.AgentAdded a -> renderAgentAdded(a.agent());
      case MasterEvent.AgentRemoved a -> renderAgentRemoved(a.agentId());
      case MasterEvent.FrameworkAdded f -> renderFrameworkAdded(f.framework(), f.updated());
      case MasterEvent.FrameworkRemoved f ->
          renderFrameworkRemoved(
              new Framework(f.frameworkId(), "", "", "", false, java.util.List.of()));
      case MasterEvent.Heartbeat h -> renderHeartbeat();
      case MasterEvent.Unknown u -> write(obj().put("type", u.type()));
    };
  }

  /** A master {@code GET_STATE} response. */
  public static byte[] renderGetState(MasterState state) {
    return envelope("GET_STATE", V1StateCodec.masterState(state));
  }

  /** An agent {@code GET_STATE} response. */
  public static byte[] renderAgentGetState(AgentState state) {
    return envelope("GET_STATE", V1StateCodec.agentState(state));
  }

  /** A {@code GET_MASTER} response describing {@code leader}. */
  public static byte[] renderGetMaster(Pid leader, String masterId, String hostname) {
    ObjectNode info = obj();
    info.put("id", masterId);
    info.put("ip", packedIpv4(leader.host()));
    info.put("port", leader.port());
    info.put("pid", leader.id() + "@" + leader.hostPort());
    info.put("hostname", hostname);
    info.put("version", "1.11.0");
    info.putObject("address")
        .put("hostname", hostname)
        .put("ip", leader.host())
        .put("port", leader.port());
    ObjectNode body = obj();
    body.set("master_info", info);
    double now = System.currentTimeMillis() / 1000.0;
    body.put("start_time", now);
    body.put("elected_time", now);
    return envelope("GET_MASTER", body);
  }

  /** The deprecated packed {@code ip}: IPv4 bytes in network order read as a little-endian int. */
  private static long packedIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return 0;
    }
    long v = 0;
    try {
      for (int i = 3; i >= 0; i--) {
        v = (v << 8) | (Integer.parseInt(parts[i]) & 0xff);
      }
    } catch (NumberFormatException e) {
      return 0;
    }
    return v;
  }

  private static byte[] envelope(String type, ObjectNode body) {
    ObjectNode root = obj();
    root.put("type", type);
    root.set(type.toLowerCase(Locale.ROOT), body);
    return write(root);
  }

  static byte[] write(JsonNode node) {
    try {
      return Json.mapper().writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
