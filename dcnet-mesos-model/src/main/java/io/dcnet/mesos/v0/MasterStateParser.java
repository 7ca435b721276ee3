package io.dcnet.mesos.v0;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.json.Json;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.NetworkInfo;
import io.dcnet.mesos.model.Pid;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the v0 {@code /master/state} JSON document into a {@link MasterState}.
 *
 * <p>Keys match case-insensitively (exact match preferred), as in Mesos-DNS. Unknown fields are
 * ignored. A field of the wrong JSON type, or a {@code pid} that is present but not {@code
 * id@host:port}, fails the whole document with a message naming the path, so that a refresh keeps
 * its previous records instead of publishing half a cluster. Hosts are never resolved here.
 *
 * <p>Thread-safe: stateless.
 */
public final class MasterStateParser {
  private MasterStateParser() {}

  public static MasterState parse(byte[] json) throws MesosStateException {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new MesosStateException("master state: malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MesosStateException("master state: unreadable: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MesosStateException("master state: expected a JSON object at the top level");
    }
    return parse(root);
  }

  public static MasterState parse(JsonNode root) throws MesosStateException {
    Reader r = new Reader();
    String leader = r.string(root, "leader", "leader");
    List<Agent> agents = new ArrayList<>();
    int i = 0;
    for (JsonNode a : r.array(root, "slaves", "slaves")) {
      String path = "slaves[" + i++ + "]";
      r.object(a, path);
      String pid = r.string(a, "pid", path + ".pid");
      r.checkPid(pid, a, path + ".pid");
      agents.add(
          new Agent(
              r.string(a, "id", path + ".id"), r.string(a, "hostname", path + ".hostname"), pid));
    }
    List<Framework> frameworks = new ArrayList<>();
    i = 0;
    for (JsonNode f : r.array(root, "frameworks", "frameworks")) {
      String path = "frameworks[" + i++ + "]";
      r.object(f, path);
      String pid = r.string(f, "pid", path + ".pid");
      r.checkPid(pid, f, path + ".pid");
      List<Task> tasks = new ArrayList<>();
      int t = 0;
      for (JsonNode task : r.array(f, "tasks", path + ".tasks")) {
        tasks.add(task(r, task, path + ".tasks[" + t++ + "]"));
      }
      frameworks.add(
          new Framework(
              r.string(f, "id", path + ".id"),
              r.string(f, "name", path + ".name"),
              r.string(f, "hostname", path + ".hostname"),
              pid,
              r.bool(f, "active", path + ".active", true),
              tasks));
    }
    return new MasterState(leader, agents, frameworks);
  }

  private static Task task(Reader r, JsonNode task, String path) throws MesosStateException {
    r.object(task, path);
    JsonNode resources = Json.field(task, "resources");
    List<Integer> ports = List.of();
    if (resources != null) {
      r.object(resources, path + ".resources");
      ports = PortRanges.expand(r.string(resources, "ports", path + ".resources.ports"));
    }
    List<TaskStatus> statuses = new ArrayList<>();
    int s = 0;
    for (JsonNode st : r.array(task, "statuses", path + ".statuses")) {
      statuses.add(status(r, st, path + ".statuses[" + s++ + "]"));
    }
    JsonNode disc = Json.field(task, "discovery");
    DiscoveryInfo discovery = disc == null ? null : discovery(r, disc, path + ".discovery");
    return new Task(
        r.string(task, "id", path + ".id"),
        r.string(task, "name", path + ".name"),
        r.string(task, "framework_id", path + ".framework_id"),
        r.string(task, "slave_id", path + ".slave_id"),
        r.string(task, "state", path + ".state"),
        ports,
        statuses,
        discovery,
        labels(r, Json.field(task, "labels"), path + ".labels"));
  }

  private static TaskStatus status(Reader r, JsonNode st, String path) throws MesosStateException {
    r.object(st, path);
    List<NetworkInfo> infos = new ArrayList<>();
    JsonNode cs = Json.field(st, "container_status");
    if (cs != null) {
      r.object(cs, path + ".container_status");
      int n = 0;
      for (JsonNode ni : r.array(cs, "network_infos", path + ".container_status.network_infos")) {
        String p = path + ".container_status.network_infos[" + n++ + "]";
        r.object(ni, p);
        List<String> ips = new ArrayList<>();
        int k = 0;
        for (JsonNode ip : r.array(ni, "ip_addresses", p + ".ip_addresses")) {
          String ipPath = p + ".ip_addresses[" + k++ + "]";
          r.object(ip, ipPath);
          String addr = r.string(ip, "ip_address", ipPath + ".ip_address");
          if (!addr.isEmpty()) {
            ips.add(addr);
          }
        }
        infos.add(
            new NetworkInfo(
                ips, r.string(ni, "ip_address", p + ".ip_address"), r.string(ni, "name", p)));
      }
    }
    JsonNode healthy = Json.field(st, "healthy");
    if (healthy != null && !healthy.isBoolean()) {
      throw new MesosStateException(path + ".healthy: expected a boolean");
    }
    return new TaskStatus(
        r.string(st, "state", path + ".state"),
        r.number(st, "timestamp", path + ".timestamp"),
        labels(r, Json.field(st, "labels"), path + ".labels"),
        infos,
        healthy == null ? null : healthy.booleanValue());
  }

  private static DiscoveryInfo discovery(Reader r, JsonNode d, String path)
      throws MesosStateException {
    r.object(d, path);
    List<DiscoveryPort> ports = new ArrayList<>();
    JsonNode wrapper = Json.field(d, "ports");
    if (wrapper != null) {
      r.object(wrapper, path + ".ports");
      int i = 0;
      for (JsonNode p : r.array(wrapper, "ports", path + ".ports.ports")) {
        String pp = path + ".ports.ports[" + i++ + "]";
        r.object(p, pp);
        JsonNode lw = Json.field(p, "labels");
        ports.add(
            new DiscoveryPort(
                (int) r.number(p, "number", pp + ".number"),
                r.string(p, "name", pp + ".name"),
                r.string(p, "protocol", pp + ".protocol"),
                lw == null ? List.of() : labels(r, Json.field(lw, "labels"), pp + ".labels")));
      }
    }
    JsonNode lw = Json.field(d, "labels");
    return new DiscoveryInfo(
        r.string(d, "name", path + ".name"),
        r.string(d, "visibility", path + ".visibility"),
        ports,
        lw == null ? List.of() : labels(r, Json.field(lw, "labels"), path + ".labels.labels"));
  }

  /** Reads a bare {@code [{key, value}]} array. */
  static List<Label> labels(Reader r, JsonNode arr, String path) throws MesosStateException {
    List<Label> out = new ArrayList<>();
    if (arr == null) {
      return out;
    }
    if (!arr.isArray()) {
      throw new MesosStateException(path + ": expected an array of {key, value}");
    }
    int i = 0;
    for (JsonNode l : arr) {
      String p = path + "[" + i++ + "]";
      r.object(l, p);
      out.add(new Label(r.string(l, "key", p + ".key"), r.string(l, "value", p + ".value")));
    }
    return out;
  }

  /** Typed field access with path-naming errors. */
  static final class Reader {
    void object(JsonNode n, String path) throws MesosStateException {
      if (n == null || !n.isObject()) {
        throw new MesosStateException(path + ": expected an object");
      }
    }

    String string(JsonNode n, String key, String path) throws MesosStateException {
      JsonNode v = Json.field(n, key);
      if (v == null) {
        return "";
      }
      if (!v.isTextual()) {
        throw new MesosStateException(path + ": expected a string, got " + v.getNodeType());
      }
      return v.textValue();
    }

    double number(JsonNode n, String key, String path) throws MesosStateException {
      JsonNode v = Json.field(n, key);
      if (v == null) {
        return 0;
      }
      if (!v.isNumber()) {
        throw new MesosStateException(path + ": expected a number, got " + v.getNodeType());
      }
      return v.doubleValue();
    }

    boolean bool(JsonNode n, String key, String path, boolean dflt) throws MesosStateException {
      JsonNode v = Json.field(n, key);
      if (v == null) {
        return dflt;
      }
      if (!v.isBoolean()) {
        throw new MesosStateException(path + ": expected a boolean, got " + v.getNodeType());
      }
      return v.booleanValue();
    }

    Iterable<JsonNode> array(JsonNode n, String key, String path) throws MesosStateException {
      JsonNode v = Json.field(n, key);
      if (v == null) {
        return List.of();
      }
      if (!v.isArray()) {
        throw new MesosStateException(path + ": expected an array, got " + v.getNodeType());
      }
      return v;
    }

    void checkPid(String pid, JsonNode owner, String path) throws MesosStateException {
      if (Json.field(owner, "pid") != null && Pid.parse(pid).isEmpty()) {
        throw new MesosStateException(path + ": '" + pid + "' (expected: id@host:port)");
      }
    }
  }
}
