package io.dcnet.mesos.v0;

import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.json.Json;
import io.dcnet.mesos.MesosJsonReader;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.NetworkInfo;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
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
    return parse(MesosJsonReader.readRoot(json, "master state"));
  }

  public static MasterState parse(JsonNode root) throws MesosStateException {
    String leader = MesosJsonReader.string(root, "leader", "leader");
    List<Agent> agents = new ArrayList<>();
    int i = 0;
    for (JsonNode a : MesosJsonReader.array(root, "slaves", "slaves")) {
      String path = "slaves[" + i++ + "]";
      MesosJsonReader.object(a, path);
      String pid = MesosJsonReader.pid(a, path + ".pid");
      agents.add(
          new Agent(
              MesosJsonReader.string(a, "id", path + ".id"),
              MesosJsonReader.string(a, "hostname", path + ".hostname"),
              pid));
    }
    List<Framework> frameworks = new ArrayList<>();
    i = 0;
    for (JsonNode f : MesosJsonReader.array(root, "frameworks", "frameworks")) {
      String path = "frameworks[" + i++ + "]";
      MesosJsonReader.object(f, path);
      String pid = MesosJsonReader.pid(f, path + ".pid");
      List<Task> tasks = new ArrayList<>();
      int t = 0;
      for (JsonNode task : MesosJsonReader.array(f, "tasks", path + ".tasks")) {
        tasks.add(task(task, path + ".tasks[" + t++ + "]"));
      }
      frameworks.add(
          new Framework(
              MesosJsonReader.string(f, "id", path + ".id"),
              MesosJsonReader.string(f, "name", path + ".name"),
              MesosJsonReader.string(f, "hostname", path + ".hostname"),
              pid,
              MesosJsonReader.bool(f, "active", path + ".active", true),
              tasks));
    }
    return new MasterState(leader, agents, frameworks);
  }

  private static Task task(JsonNode task, String path) throws MesosStateException {
    MesosJsonReader.object(task, path);
    JsonNode resources = Json.field(task, "resources");
    List<Integer> ports = List.of();
    if (resources != null) {
      MesosJsonReader.object(resources, path + ".resources");
      ports =
          PortRanges.expand(MesosJsonReader.string(resources, "ports", path + ".resources.ports"));
    }
    List<TaskStatus> statuses = new ArrayList<>();
    int s = 0;
    for (JsonNode st : MesosJsonReader.array(task, "statuses", path + ".statuses")) {
      statuses.add(status(st, path + ".statuses[" + s++ + "]"));
    }
    JsonNode disc = Json.field(task, "discovery");
    DiscoveryInfo discovery = disc == null ? null : discovery(disc, path + ".discovery");
    return new Task(
        MesosJsonReader.string(task, "id", path + ".id"),
        MesosJsonReader.string(task, "name", path + ".name"),
        MesosJsonReader.string(task, "framework_id", path + ".framework_id"),
        MesosJsonReader.string(task, "slave_id", path + ".slave_id"),
        MesosJsonReader.string(task, "state", path + ".state"),
        ports,
        statuses,
        discovery,
        MesosJsonReader.labels(task, "labels", path + ".labels"));
  }

  private static TaskStatus status(JsonNode st, String path) throws MesosStateException {
    MesosJsonReader.object(st, path);
    List<NetworkInfo> infos = new ArrayList<>();
    JsonNode cs = Json.field(st, "container_status");
    if (cs != null) {
      MesosJsonReader.object(cs, path + ".container_status");
      int n = 0;
      for (JsonNode ni :
          MesosJsonReader.array(cs, "network_infos", path + ".container_status.network_infos")) {
        String p = path + ".container_status.network_infos[" + n++ + "]";
        MesosJsonReader.object(ni, p);
        List<String> ips = new ArrayList<>();
        int k = 0;
        for (JsonNode ip : MesosJsonReader.array(ni, "ip_addresses", p + ".ip_addresses")) {
          String ipPath = p + ".ip_addresses[" + k++ + "]";
          MesosJsonReader.object(ip, ipPath);
          String addr = MesosJsonReader.string(ip, "ip_address", ipPath + ".ip_address");
          if (!addr.isEmpty()) {
            ips.add(addr);
          }
        }
        infos.add(
            new NetworkInfo(
                ips,
                MesosJsonReader.string(ni, "ip_address", p + ".ip_address"),
                MesosJsonReader.string(ni, "name", p),
                MesosJsonReader.portMappings(ni, p)));
      }
    }
    JsonNode healthy = Json.field(st, "healthy");
    if (healthy != null && !healthy.isBoolean()) {
      throw new MesosStateException(path + ".healthy: expected a boolean");
    }
    return new TaskStatus(
        MesosJsonReader.string(st, "state", path + ".state"),
        MesosJsonReader.number(st, "timestamp", path + ".timestamp"),
        MesosJsonReader.labels(st, "labels", path + ".labels"),
        infos,
        healthy == null ? null : healthy.booleanValue());
  }

  private static DiscoveryInfo discovery(JsonNode d, String path) throws MesosStateException {
    MesosJsonReader.object(d, path);
    List<DiscoveryPort> ports = new ArrayList<>();
    JsonNode wrapper = Json.field(d, "ports");
    if (wrapper != null) {
      MesosJsonReader.object(wrapper, path + ".ports");
      int i = 0;
      for (JsonNode p : MesosJsonReader.array(wrapper, "ports", path + ".ports.ports")) {
        String pp = path + ".ports.ports[" + i++ + "]";
        MesosJsonReader.object(p, pp);
        ports.add(
            new DiscoveryPort(
                (int) MesosJsonReader.number(p, "number", pp + ".number"),
                MesosJsonReader.string(p, "name", pp + ".name"),
                MesosJsonReader.string(p, "protocol", pp + ".protocol"),
                MesosJsonReader.labels(p, "labels", pp + ".labels")));
      }
    }
    return new DiscoveryInfo(
        MesosJsonReader.string(d, "name", path + ".name"),
        MesosJsonReader.string(d, "visibility", path + ".visibility"),
        ports,
        MesosJsonReader.labels(d, "labels", path + ".labels"));
  }
}
