package io.dcnet.mesos.v1;

import static io.dcnet.mesos.MesosJsonReader.array;
import static io.dcnet.mesos.MesosJsonReader.bool;
import static io.dcnet.mesos.MesosJsonReader.id;
import static io.dcnet.mesos.MesosJsonReader.object;
import static io.dcnet.mesos.MesosJsonReader.optObject;
import static io.dcnet.mesos.MesosJsonReader.pid;
import static io.dcnet.mesos.MesosJsonReader.string;
import static io.dcnet.mesos.v1.V1TaskRenderer.obj;
import static io.dcnet.mesos.v1.V1TaskRenderer.wrappedId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Pid;
import io.dcnet.mesos.model.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes and encodes the v1 {@code GET_STATE} body (master and agent), agents and frameworks.
 *
 * <p>Thread-safe: stateless.
 */
final class V1StateCodec {
  private V1StateCodec() {}

  // ---- decoding ----

  /** A master {@code get_state} object; the leader is left empty. */
  static MasterState masterState(JsonNode gs, String path) throws MesosStateException {
    object(gs, path);
    List<Agent> agents = new ArrayList<>();
    JsonNode ga = optObject(gs, "get_agents", path + ".get_agents");
    if (ga != null) {
      int i = 0;
      for (JsonNode a : array(ga, "agents", path + ".get_agents.agents")) {
        agents.add(agent(a, path + ".get_agents.agents[" + i++ + "]"));
      }
    }
    List<Framework> frameworks = frameworks(gs, path);
    List<Task> tasks = tasks(gs, path, List.of("tasks"));
    return new MasterState("", agents, groupTasks(frameworks, tasks));
  }

  /** An agent {@code get_state} object: frameworks carrying the agent's non-terminal tasks. */
  static AgentState agentState(JsonNode gs, String path) throws MesosStateException {
    object(gs, path);
    JsonNode ge = optObject(gs, "get_executors", path + ".get_executors");
    if (ge != null) {
      array(ge, "executors", path + ".get_executors.executors");
    }
    List<Framework> frameworks = frameworks(gs, path);
    List<Task> tasks = tasks(gs, path, List.of("pending_tasks", "queued_tasks", "launched_tasks"));
    return new AgentState(groupTasks(frameworks, tasks));
  }

  static Agent agent(JsonNode a, String path) throws MesosStateException {
    object(a, path);
    JsonNode info = optObject(a, "agent_info", path + ".agent_info");
    return new Agent(
        id(info, "id", path + ".agent_info.id"),
        string(info, "hostname", path + ".agent_info.hostname"),
        pid(a, path + ".pid"));
  }

  /** A {@code GetFrameworks.Framework} ({@code {framework_info, active, …}}); no tasks, no pid. */
  static Framework framework(JsonNode f, String path) throws MesosStateException {
    object(f, path);
    JsonNode info = optObject(f, "framework_info", path + ".framework_info");
    return new Framework(
        id(info, "id", path + ".framework_info.id"),
        string(info, "name", path + ".framework_info.name"),
        string(info, "hostname", path + ".framework_info.hostname"),
        "",
        bool(f, "active", path + ".active", true),
        List.of());
  }

  private static List<Framework> frameworks(JsonNode gs, String path) throws MesosStateException {
    List<Framework> out = new ArrayList<>();
    JsonNode gf = optObject(gs, "get_frameworks", path + ".get_frameworks");
    if (gf != null) {
      int i = 0;
      for (JsonNode f : array(gf, "frameworks", path + ".get_frameworks.frameworks")) {
        out.add(framework(f, path + ".get_frameworks.frameworks[" + i++ + "]"));
      }
    }
    return out;
  }

  private static List<Task> tasks(JsonNode gs, String path, List<String> lists)
      throws MesosStateException {
    List<Task> out = new ArrayList<>();
    JsonNode gt = optObject(gs, "get_tasks", path + ".get_tasks");
    if (gt == null) {
      return out;
    }
    for (String list : lists) {
      int i = 0;
      String lp = path + ".get_tasks." + list;
      for (JsonNode t : array(gt, list, lp)) {
        out.add(V1TaskCodec.task(t, lp + "[" + i++ + "]"));
      }
    }
    return out;
  }

  /**
   * Puts each task under its framework, in order. Tasks of an unknown framework go under a new
   * inactive framework with that id and an empty name, appended in order of first appearance.
   */
  static List<Framework> groupTasks(List<Framework> frameworks, List<Task> tasks) {
    Map<String, List<Task>> byFw = new LinkedHashMap<>();
    for (Framework f : frameworks) {
      byFw.putIfAbsent(f.id(), new ArrayList<>(f.tasks()));
    }
    List<String> orphanIds = new ArrayList<>();
    for (Task t : tasks) {
      byFw.computeIfAbsent(
              t.frameworkId(),
              k -> {
                orphanIds.add(k);
                return new ArrayList<>();
              })
          .add(t);
    }
    List<Framework> out = new ArrayList<>();
    for (Framework f : frameworks) {
      List<Task> own = byFw.get(f.id());
      out.add(new Framework(f.id(), f.name(), f.hostname(), f.pid(), f.active(), own));
      byFw.put(f.id(), List.of()); // a duplicate framework id gets no tasks twice
    }
    for (String id : orphanIds) {
      out.add(new Framework(id, "", "", "", false, byFw.get(id)));
    }
    return out;
  }

  // ---- encoding ----

  static ObjectNode masterState(MasterState s) {
    ObjectNode gs = obj();
    ArrayNode tasks = gs.putObject("get_tasks").putArray("tasks");
    for (Framework f : s.frameworks()) {
      for (Task t : f.tasks()) {
        tasks.add(V1TaskRenderer.task(t, f.id()));
      }
    }
    gs.withObjectProperty("get_tasks").putArray("unreachable_tasks");
    gs.withObjectProperty("get_tasks").putArray("completed_tasks");
    gs.putObject("get_executors").putArray("executors");
    ArrayNode fws = gs.putObject("get_frameworks").putArray("frameworks");
    for (Framework f : s.frameworks()) {
      fws.add(framework(f));
    }
    gs.withObjectProperty("get_frameworks").putArray("completed_frameworks");
    ArrayNode agents = gs.putObject("get_agents").putArray("agents");
    for (Agent a : s.agents()) {
      agents.add(agent(a));
    }
    gs.withObjectProperty("get_agents").putArray("recovered_agents");
    return gs;
  }

  static ObjectNode agentState(AgentState s) {
    ObjectNode gs = obj();
    ObjectNode gt = gs.putObject("get_tasks");
    gt.putArray("pending_tasks");
    gt.putArray("queued_tasks");
    ArrayNode launched = gt.putArray("launched_tasks");
    gt.putArray("terminated_tasks");
    gt.putArray("completed_tasks");
    ArrayNode fws = gs.putObject("get_frameworks").putArray("frameworks");
    for (Framework f : s.frameworks()) {
      fws.addObject().set("framework_info", frameworkInfo(f));
      for (Task t : f.tasks()) {
        launched.add(V1TaskRenderer.task(t, f.id()));
      }
    }
    gs.withObjectProperty("get_frameworks").putArray("completed_frameworks");
    gs.putObject("get_executors").putArray("executors");
    return gs;
  }

  static ObjectNode agent(Agent a) {
    ObjectNode n = obj();
    ObjectNode info = n.putObject("agent_info");
    info.put("hostname", a.hostname());
    info.put("port", Pid.parse(a.pid()).map(Pid::port).orElse(5051));
    info.set("id", wrappedId(a.id()));
    n.put("active", true);
    n.put("version", "1.11.0");
    if (!a.pid().isEmpty()) {
      n.put("pid", a.pid());
    }
    return n;
  }

  static ObjectNode framework(Framework f) {
    ObjectNode n = obj();
    n.set("framework_info", frameworkInfo(f));
    n.put("active", f.active());
    n.put("connected", f.active());
    n.put("recovered", false);
    return n;
  }

  static ObjectNode frameworkInfo(Framework f) {
    ObjectNode info = obj();
    info.put("user", "root");
    info.put("name", f.name());
    info.set("id", wrappedId(f.id()));
    info.put("failover_timeout", 604800.0);
    info.put("checkpoint", true);
    if (!f.hostname().isEmpty()) {
      info.put("hostname", f.hostname());
    }
    return info;
  }
}
