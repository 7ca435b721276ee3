package io.dcnet.mesos.v1;

import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.NetworkInfo;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import java.util.List;

/** Model values shared by the codec tests. */
public final class Samples {
  private Samples() {}

  public static TaskStatus running(double ts, String ip) {
    return new TaskStatus(
        "TASK_RUNNING",
        ts,
        List.of(new Label("Docker.NetworkSettings.IPAddress", ip)),
        List.of(new NetworkInfo(List.of(ip, "fd00::5"), "", "dcos")),
        Boolean.TRUE);
  }

  public static Task webTask() {
    return new Task(
        "web.4f2e",
        "web",
        "f-0000",
        "a1b2-S0",
        "TASK_RUNNING",
        List.of(31000, 31001, 31005, 31002),
        List.of(
            new TaskStatus("TASK_STAGING", 1700000000.25, List.of(), List.of(), null),
            running(1700000000.5, "9.0.0.5")),
        new DiscoveryInfo(
            "web",
            "CLUSTER",
            List.of(
                new DiscoveryPort(8080, "http", "tcp", List.of(new Label("VIP_0", "/web:80"))),
                new DiscoveryPort(8443, "", "", List.of())),
            List.of(new Label("dc", "de1"))),
        List.of(new Label("owner", "team-a"), new Label("empty", "")));
  }

  public static MasterState state() {
    Task db =
        new Task(
            "db.1",
            "db",
            "f-0001",
            "a1b2-S1",
            "TASK_STAGING",
            List.of(),
            List.of(),
            null,
            List.of());
    return new MasterState(
        "",
        List.of(
            new Agent("a1b2-S0", "10.0.0.11", "slave(1)@10.0.0.11:5051"),
            new Agent("a1b2-S1", "agent-v6", "slave(1)@[2001:db8::2]:5052")),
        List.of(
            new Framework("f-0000", "marathon", "10.0.0.11", "", true, List.of(webTask())),
            new Framework("f-0001", "chronos with a space", "", "", false, List.of(db))));
  }
}
