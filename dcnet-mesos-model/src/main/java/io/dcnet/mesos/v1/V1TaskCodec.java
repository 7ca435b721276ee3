package io.dcnet.mesos.v1;

import static io.dcnet.mesos.MesosJsonReader.array;
import static io.dcnet.mesos.MesosJsonReader.id;
import static io.dcnet.mesos.MesosJsonReader.integer;
import static io.dcnet.mesos.MesosJsonReader.labels;
import static io.dcnet.mesos.MesosJsonReader.number;
import static io.dcnet.mesos.MesosJsonReader.object;
import static io.dcnet.mesos.MesosJsonReader.optObject;
import static io.dcnet.mesos.MesosJsonReader.string;

import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.json.Json;
import io.dcnet.mesos.MesosJsonReader;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.NetworkInfo;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes v1 {@code Task}, {@code TaskStatus}, {@code DiscoveryInfo} and {@code Resource[]} JSON.
 * Encoding is in {@link V1TaskRenderer}.
 *
 * <p>Thread-safe: stateless.
 */
final class V1TaskCodec {
  private V1TaskCodec() {}

  static Task task(JsonNode t, String path) throws MesosStateException {
    object(t, path);
    List<TaskStatus> statuses = new ArrayList<>();
    int s = 0;
    for (JsonNode st : array(t, "statuses", path + ".statuses")) {
      statuses.add(status(st, path + ".statuses[" + s++ + "]"));
    }
    JsonNode disc = optObject(t, "discovery", path + ".discovery");
    return new Task(
        id(t, "task_id", path + ".task_id"),
        string(t, "name", path + ".name"),
        id(t, "framework_id", path + ".framework_id"),
        id(t, "agent_id", path + ".agent_id"),
        string(t, "state", path + ".state"),
        ports(t, path + ".resources"),
        statuses,
        disc == null ? null : discovery(disc, path + ".discovery"),
        labels(t, "labels", path + ".labels"));
  }

  /** Host ports: every {@code name:"ports"} resource's ranges, expanded, in order. */
  static List<Integer> ports(JsonNode t, String path) throws MesosStateException {
    List<Integer> ports = new ArrayList<>();
    int i = 0;
    for (JsonNode r : array(t, "resources", path)) {
      String rp = path + "[" + i++ + "]";
      object(r, rp);
      if (!"ports".equals(string(r, "name", rp + ".name"))) {
        continue;
      }
      JsonNode ranges = optObject(r, "ranges", rp + ".ranges");
      if (ranges == null) {
        continue;
      }
      int k = 0;
      for (JsonNode range : array(ranges, "range", rp + ".ranges.range")) {
        String pp = rp + ".ranges.range[" + k++ + "]";
        object(range, pp);
        long begin = integer(range, "begin", pp + ".begin", 0, 65535);
        long end = integer(range, "end", pp + ".end", 0, 65535);
        for (long p = begin; p <= end; p++) {
          ports.add((int) p);
        }
      }
    }
    return ports;
  }

  static TaskStatus status(JsonNode st, String path) throws MesosStateException {
    object(st, path);
    List<NetworkInfo> infos = new ArrayList<>();
    JsonNode cs = optObject(st, "container_status", path + ".container_status");
    if (cs != null) {
      int n = 0;
      for (JsonNode ni : array(cs, "network_infos", path + ".container_status.network_infos")) {
        infos.add(networkInfo(ni, path + ".container_status.network_infos[" + n++ + "]"));
      }
    }
    JsonNode healthy = Json.field(st, "healthy");
    if (healthy != null && !healthy.isBoolean()) {
      throw new MesosStateException(
          path + ".healthy: expected a boolean, got " + healthy.getNodeType());
    }
    return new TaskStatus(
        string(st, "state", path + ".state"),
        number(st, "timestamp", path + ".timestamp"),
        labels(st, "labels", path + ".labels"),
        infos,
        healthy == null ? null : healthy.booleanValue());
  }

  private static NetworkInfo networkInfo(JsonNode ni, String p) throws MesosStateException {
    object(ni, p);
    List<String> ips = new ArrayList<>();
    int k = 0;
    for (JsonNode ip : array(ni, "ip_addresses", p + ".ip_addresses")) {
      String ipPath = p + ".ip_addresses[" + k++ + "]";
      object(ip, ipPath);
      String addr = string(ip, "ip_address", ipPath + ".ip_address");
      if (!addr.isEmpty()) {
        ips.add(addr);
      }
    }
    return new NetworkInfo(
        ips,
        string(ni, "ip_address", p + ".ip_address"),
        string(ni, "name", p + ".name"),
        MesosJsonReader.portMappings(ni, p));
  }

  static DiscoveryInfo discovery(JsonNode d, String path) throws MesosStateException {
    List<DiscoveryPort> ports = new ArrayList<>();
    JsonNode wrapper = optObject(d, "ports", path + ".ports");
    if (wrapper != null) {
      int i = 0;
      for (JsonNode p : array(wrapper, "ports", path + ".ports.ports")) {
        String pp = path + ".ports.ports[" + i++ + "]";
        object(p, pp);
        ports.add(
            new DiscoveryPort(
                (int) integer(p, "number", pp + ".number", 0, 65535),
                string(p, "name", pp + ".name"),
                string(p, "protocol", pp + ".protocol"),
                labels(p, "labels", pp + ".labels")));
      }
    }
    return new DiscoveryInfo(
        string(d, "name", path + ".name"),
        string(d, "visibility", path + ".visibility"),
        ports,
        labels(d, "labels", path + ".labels"));
  }
}
