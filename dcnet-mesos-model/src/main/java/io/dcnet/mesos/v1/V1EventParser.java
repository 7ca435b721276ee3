package io.dcnet.mesos.v1;

import static io.dcnet.mesos.MesosJsonReader.id;
import static io.dcnet.mesos.MesosJsonReader.number;
import static io.dcnet.mesos.MesosJsonReader.optObject;
import static io.dcnet.mesos.MesosJsonReader.reqObject;
import static io.dcnet.mesos.MesosJsonReader.string;

import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.TaskStatus;
import java.util.Locale;

/**
 * Decodes one {@code SUBSCRIBE} stream event {@code {"type":"X","x":{…}}} into a {@link
 * MasterEvent}.
 *
 * <p>Thread-safe: stateless.
 */
final class V1EventParser {
  private V1EventParser() {}

  static MasterEvent parse(JsonNode root) throws MesosStateException {
    String type = string(root, "type", "type");
    if (type.isEmpty()) {
      throw new MesosStateException("type: missing (expected: an event type such as TASK_ADDED)");
    }
    String key = type.toLowerCase(Locale.ROOT);
    return switch (type) {
      case "SUBSCRIBED" -> {
        JsonNode sub = reqObject(root, key, key);
        yield new MasterEvent.Subscribed(
            V1StateCodec.masterState(
                reqObject(sub, "get_state", key + ".get_state"), key + ".get_state"),
            number(sub, "heartbeat_interval_seconds", key + ".heartbeat_interval_seconds"));
      }
      case "TASK_ADDED" -> {
        JsonNode body = reqObject(root, key, key);
        yield new MasterEvent.TaskAdded(
            V1TaskCodec.task(reqObject(body, "task", key + ".task"), key + ".task"));
      }
      case "TASK_UPDATED" -> taskUpdated(reqObject(root, key, key), key);
      case "AGENT_ADDED" -> {
        JsonNode body = reqObject(root, key, key);
        yield new MasterEvent.AgentAdded(
            V1StateCodec.agent(reqObject(body, "agent", key + ".agent"), key + ".agent"));
      }
      case "AGENT_REMOVED" ->
          new MasterEvent.AgentRemoved(
              required(
                  id(reqObject(root, key, key), "agent_id", key + ".agent_id"), key + ".agent_id"));
      case "FRAMEWORK_ADDED", "FRAMEWORK_UPDATED" -> {
        JsonNode body = reqObject(root, key, key);
        yield new MasterEvent.FrameworkAdded(
            V1StateCodec.framework(
                reqObject(body, "framework", key + ".framework"), key + ".framework"),
            type.equals("FRAMEWORK_UPDATED"));
      }
      case "FRAMEWORK_REMOVED" -> {
        JsonNode body = reqObject(root, key, key);
        JsonNode info = reqObject(body, "framework_info", key + ".framework_info");
        yield new MasterEvent.FrameworkRemoved(
            required(id(info, "id", key + ".framework_info.id"), key + ".framework_info.id"));
      }
      case "HEARTBEAT" -> new MasterEvent.Heartbeat();
      default -> new MasterEvent.Unknown(type);
    };
  }

  /**
   * {@code task_id}/{@code agent_id} are read from {@code status} (the proto) or, failing that,
   * from the top level (the Mesos doc example).
   */
  private static MasterEvent taskUpdated(JsonNode body, String key) throws MesosStateException {
    JsonNode st = optObject(body, "status", key + ".status");
    TaskStatus status =
        st == null
            ? new TaskStatus("", 0, java.util.List.of(), java.util.List.of(), null)
            : V1TaskCodec.status(st, key + ".status");
    String taskId = st == null ? "" : id(st, "task_id", key + ".status.task_id");
    if (taskId.isEmpty()) {
      taskId = id(body, "task_id", key + ".task_id");
    }
    String agentId = st == null ? "" : id(st, "agent_id", key + ".status.agent_id");
    if (agentId.isEmpty()) {
      agentId = id(body, "agent_id", key + ".agent_id");
    }
    String state = string(body, "state", key + ".state");
    if (state.isEmpty()) {
      state = status.state();
    }
    return new MasterEvent.TaskUpdated(
        id(body, "framework_id", key + ".framework_id"),
        required(taskId, key + ".status.task_id"),
        agentId,
        state,
        status);
  }

  private static String required(String value, String path) throws MesosStateException {
    if (value.isEmpty()) {
      throw new MesosStateException(path + ": missing (expected: {\"value\": \"<id>\"})");
    }
    return value;
  }
}
