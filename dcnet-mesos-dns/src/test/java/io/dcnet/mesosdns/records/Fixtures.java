package io.dcnet.mesosdns.records;

import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.NetworkInfo;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.config.MesosDnsConfigLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small builders for hand-made states in generator tests. */
final class Fixtures {
  private Fixtures() {}

  static MesosDnsConfig config(String extraJson) {
    String json =
        "{\"masters\":[\"10.0.0.1:5050\"],\"listener\":\"127.0.0.1\""
            + (extraJson.isEmpty() ? "" : "," + extraJson)
            + "}";
    try {
      return MesosDnsConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  static Agent agent(String id, String pid) {
    return new Agent(id, "", pid);
  }

  static Framework framework(String name, String pid, Task... tasks) {
    return new Framework("fw-" + name, name, "", pid, true, List.of(tasks));
  }

  static TaskStatus running(double ts, List<Label> labels, String... netinfoIps) {
    List<NetworkInfo> infos =
        netinfoIps.length == 0 ? List.of() : List.of(new NetworkInfo(List.of(netinfoIps), "", ""));
    return new TaskStatus(Task.RUNNING, ts, labels, infos, null);
  }

  static Task task(
      String id,
      String name,
      String agentId,
      String state,
      List<Integer> ports,
      DiscoveryInfo di,
      TaskStatus... statuses) {
    return new Task(id, name, "", agentId, state, ports, List.of(statuses), di, List.of());
  }

  static DiscoveryInfo discovery(String name, DiscoveryPort... ports) {
    return new DiscoveryInfo(name, "CLUSTER", List.of(ports), List.of());
  }

  static DiscoveryPort port(int number, String name, String protocol) {
    return new DiscoveryPort(number, name, protocol, List.of());
  }
}
