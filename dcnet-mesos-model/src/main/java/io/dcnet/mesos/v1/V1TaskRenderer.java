package io.dcnet.mesos.v1;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.core.json.Json;
import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.NetworkInfo;
import io.dcnet.mesos.model.PortMapping;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import io.dcnet.mesos.v0.PortRanges;
import java.util.List;

/**
 * Encodes model tasks and statuses into v1 JSON trees (wrapped ids and labels, protobuf resource
 * arrays). Empty optional fields are omitted, so that {@link V1TaskCodec} reads back equal records.
 *
 * <p>Public only so that the v0 renderer can share the DiscoveryInfo and network-info shapes, which
 * are the same in both APIs.
 *
 * <p>Thread-safe: stateless.
 */
public final class V1TaskRenderer {
  private V1TaskRenderer() {}

  static ObjectNode obj() {
    return Json.mapper().createObjectNode();
  }

  static ObjectNode wrappedId(String value) {
    return obj().put("value", value);
  }

  static ObjectNode labels(List<Label> labels) {
    ObjectNode w = obj();
    ArrayNode arr = w.putArray("labels");
    for (Label l : labels) {
      arr.addObject().put("key", l.key()).put("value", l.value());
    }
    return w;
  }

  /** A v1 Task; {@code frameworkId} overrides an empty {@link Task#frameworkId()}. */
  static ObjectNode task(Task t, String frameworkId) {
    String fw = t.frameworkId().isEmpty() ? frameworkId : t.frameworkId();
    ObjectNode n = obj();
    n.put("name", t.name());
    n.set("task_id", wrappedId(t.id()));
    n.set("framework_id", wrappedId(fw));
    n.set("agent_id", wrappedId(t.agentId()));
    n.put("state", t.state());
    ArrayNode resources = n.putArray("resources");
    if (!t.ports().isEmpty()) {
      ObjectNode ports = resources.addObject().put("name", "ports").put("type", "RANGES");
      ArrayNode range = ports.putObject("ranges").putArray("range");
      for (PortRanges.Range r : PortRanges.compress(t.ports())) {
        range.addObject().put("begin", r.begin()).put("end", r.end());
      }
    }
    ArrayNode statuses = n.putArray("statuses");
    for (TaskStatus s : t.statuses()) {
      statuses.add(status(s, t.id(), t.agentId()));
    }
    if (!t.labels().isEmpty()) {
      n.set("labels", labels(t.labels()));
    }
    if (t.discovery() != null) {
      n.set("discovery", discovery(t.discovery()));
    }
    return n;
  }

  static ObjectNode status(TaskStatus s, String taskId, String agentId) {
    ObjectNode n = obj();
    n.set("task_id", wrappedId(taskId));
    n.put("state", s.state());
    n.put("source", "SOURCE_EXECUTOR");
    n.set("agent_id", wrappedId(agentId));
    n.put("timestamp", s.timestamp());
    if (!s.labels().isEmpty()) {
      n.set("labels", labels(s.labels()));
    }
    if (!s.networkInfos().isEmpty()) {
      n.putObject("container_status").set("network_infos", networkInfos(s.networkInfos()));
    }
    if (s.healthy() != null) {
      n.put("healthy", s.healthy());
    }
    return n;
  }

  /** {@code network_infos[]}, identical in v0 and v1. */
  public static ArrayNode networkInfos(List<NetworkInfo> infos) {
    ArrayNode arr = Json.mapper().createArrayNode();
    for (NetworkInfo ni : infos) {
      ObjectNode o = arr.addObject();
      ArrayNode ips = o.putArray("ip_addresses");
      for (String ip : ni.ipAddresses()) {
        ips.addObject()
            .put("protocol", ip.indexOf(':') >= 0 ? "IPv6" : "IPv4")
            .put("ip_address", ip);
      }
      if (!ni.legacyIpAddress().isEmpty()) {
        o.put("ip_address", ni.legacyIpAddress());
      }
      if (!ni.name().isEmpty()) {
        o.put("name", ni.name());
      }
      if (!ni.portMappings().isEmpty()) {
        ArrayNode pms = o.putArray("port_mappings");
        for (PortMapping pm : ni.portMappings()) {
          ObjectNode m =
              pms.addObject()
                  .put("host_port", pm.hostPort())
                  .put("container_port", pm.containerPort());
          if (!pm.protocol().isEmpty()) {
            m.put("protocol", pm.protocol());
          }
        }
      }
    }
    return arr;
  }

  /** DiscoveryInfo, identical in v0 and v1 (ports and labels wrapped). */
  public static ObjectNode discovery(DiscoveryInfo d) {
    ObjectNode n = obj();
    if (!d.visibility().isEmpty()) {
      n.put("visibility", d.visibility());
    }
    if (!d.name().isEmpty()) {
      n.put("name", d.name());
    }
    if (!d.ports().isEmpty()) {
      ArrayNode ports = n.putObject("ports").putArray("ports");
      for (DiscoveryPort p : d.ports()) {
        ObjectNode o = ports.addObject().put("number", p.number());
        if (!p.name().isEmpty()) {
          o.put("name", p.name());
        }
        if (!p.protocol().isEmpty()) {
          o.put("protocol", p.protocol());
        }
        if (!p.labels().isEmpty()) {
          o.set("labels", labels(p.labels()));
        }
      }
    }
    if (!d.labels().isEmpty()) {
      n.set("labels", labels(d.labels()));
    }
    return n;
  }
}
