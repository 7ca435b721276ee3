package io.dcnet.mesos.v0;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.core.json.Json;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Pid;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import io.dcnet.mesos.v1.V1TaskRenderer;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders a {@link MasterState} as the real v0 {@code /master/state} JSON, such that {@link
 * MasterStateParser#parse(byte[])} of the result equals the input. Empty PIDs and an empty leader
 * are omitted (Mesos omits them too); ports are compressed back into range strings.
 *
 * <p>Thread-safe: stateless.
 */
public final class MasterStateRenderer {
  private MasterStateRenderer() {}

  public static byte[] render(MasterState s) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("version", "1.11.0");
    putIfNotEmpty(root, "leader", s.leader());
    s.leaderPid().ifPresent(p -> root.put("hostname", p.host()));
    ArrayNode slaves = root.putArray("slaves");
    for (Agent a : s.agents()) {
      ObjectNode o = slaves.addObject().put("id", a.id()).put("hostname", a.hostname());
      putIfNotEmpty(o, "pid", a.pid());
      Pid.parse(a.pid()).ifPresent(p -> o.put("port", p.port()));
      o.put("active", true);
    }
    ArrayNode fws = root.putArray("frameworks");
    for (Framework f : s.frameworks()) {
      ObjectNode o = fws.addObject().put("id", f.id()).put("name", f.name());
      o.put("hostname", f.hostname());
      putIfNotEmpty(o, "pid", f.pid());
      o.put("active", f.active());
      ArrayNode tasks = o.putArray("tasks");
      for (Task t : f.tasks()) {
        tasks.add(task(t));
      }
      o.putArray("completed_tasks");
      o.putArray("unreachable_tasks");
    }
    root.putArray("completed_frameworks");
    root.putArray("recovered_slaves");
    try {
      return Json.mapper().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode task(Task t) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("id", t.id()).put("name", t.name());
    o.put("framework_id", t.frameworkId()).put("executor_id", "");
    o.put("slave_id", t.agentId()).put("state", t.state());
    ObjectNode res = o.putObject("resources");
    if (!t.ports().isEmpty()) {
      res.put("ports", PortRanges.format(t.ports()));
    }
    ArrayNode statuses = o.putArray("statuses");
    for (TaskStatus st : t.statuses()) {
      ObjectNode so =
          statuses.addObject().put("state", st.state()).put("timestamp", st.timestamp());
      so.set("labels", labels(st.labels()));
      if (!st.networkInfos().isEmpty()) {
        so.putObject("container_status")
            .set("network_infos", V1TaskRenderer.networkInfos(st.networkInfos()));
      }
      if (st.healthy() != null) {
        so.put("healthy", st.healthy());
      }
    }
    if (t.discovery() != null) {
      o.set("discovery", V1TaskRenderer.discovery(t.discovery()));
    }
    o.set("labels", labels(t.labels()));
    return o;
  }

  /** v0 task and status labels are bare arrays. */
  private static ArrayNode labels(List<Label> labels) {
    ArrayNode arr = Json.mapper().createArrayNode();
    for (Label l : labels) {
      arr.addObject().put("key", l.key()).put("value", l.value());
    }
    return arr;
  }

  private static void putIfNotEmpty(ObjectNode o, String key, String value) {
    if (!value.isEmpty()) {
      o.put(key, value);
    }
  }
}
