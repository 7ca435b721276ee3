package io.dcnet.mesos.emulator;

import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.DiscoveryPort;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sample scenarios for the demo and for tests of other modules.
 *
 * <p>Thread-safe: stateless; it only calls the (thread-safe) emulator.
 */
public final class Scenarios {
  private Scenarios() {}

  /** An app to run: its name (also the DiscoveryInfo name) and one host port. */
  public record App(String name, int hostPort) {}

  /** What {@link #sampleCluster} created. */
  public record SampleCluster(String frameworkId, List<String> agentIds, List<String> taskIds) {
    public SampleCluster {
      agentIds = List.copyOf(agentIds);
      taskIds = List.copyOf(taskIds);
    }
  }

  /**
   * Creates framework {@code marathon} (scheduler PID {@code scheduler(1)@127.0.0.1:<master port>},
   * a stand-in), two agents on 127.0.0.1 and one RUNNING task per app, spread over the agents
   * round-robin, each with its host port and a DiscoveryInfo named after the app with one {@code
   * tcp} port.
   */
  public static SampleCluster sampleCluster(MesosEmulator emu, List<App> apps) throws IOException {
    String fw =
        emu.addFramework("marathon", "127.0.0.1", "scheduler(1)@127.0.0.1:" + emu.masterPort());
    List<String> agents =
        List.of(emu.addAgent("agent-1", "127.0.0.1"), emu.addAgent("agent-2", "127.0.0.1"));
    List<String> tasks = new ArrayList<>();
    int i = 0;
    for (App app : apps) {
      DiscoveryInfo discovery =
          new DiscoveryInfo(
              app.name(),
              "FRAMEWORK",
              List.of(new DiscoveryPort(app.hostPort(), "http", "tcp", List.of())),
              List.of());
      TaskSpec spec =
          TaskSpec.of(fw, agents.get(i++ % agents.size()), app.name())
              .withHostPorts(app.hostPort())
              .withDiscovery(discovery);
      tasks.add(emu.launchTask(spec));
    }
    return new SampleCluster(fw, agents, tasks);
  }
}
