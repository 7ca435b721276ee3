package io.dcnet.bench.cluster;

import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.state.CertificateTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark cluster on loopback: the in-process Mesos emulator (master on 127.0.7.1, agents on
 * 127.0.8.1-{@code agents}, framework {@code marathon}) and one {@code dcnet master} (127.0.6.1)
 * plus {@code nodes - 1} {@code dcnet agent}s (127.0.6.2...) as child processes, over mutual TLS
 * (certificates from {@link CertificateTool}). Each node has its own address, so all use the same
 * ports: state 62501, DNS 10053, REST 62080.
 *
 * <p>Not thread-safe: start, launch and close from one thread; {@link #nodes()} is immutable.
 */
final class BenchCluster implements AutoCloseable {
  static final String CLUSTER_ID = "bench-cluster";
  static final String ZONE = ".marathon.agentip.dcos.thisdcos.directory";
  private static final int STATE_PORT = 62501;
  private static final int DNS_PORT = 10053;
  private static final int REST_PORT = 62080;
  private static final int TICKS_PER_SECOND = 100; // USER_HZ on Linux x86

  private final MesosEmulator emulator;
  private final NodeLauncher launcher;
  private final List<BenchNode> nodes = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final List<String> agentIds = new ArrayList<>();
  private final List<String> agentIps = new ArrayList<>();
  private final String framework;

  private BenchCluster(MesosEmulator emulator, NodeLauncher launcher) {
    this.emulator = emulator;
    this.launcher = launcher;
    this.framework = emulator.addFramework("marathon", "127.0.7.1");
  }

  /**
   * Starts the emulator with {@code agents} agents and a task named {@code ready}, then the {@code
   * nodes} node processes one at a time, each once the previous one answers {@code ready} (all
   * joining at once starves a small machine: heartbeats pause, members turn unreachable and the
   * cluster never converges). The nodes run {@code io.dcnet.daemon.Main} from {@code
   * nodeClassPath}.
   *
   * @throws IOException naming the node that exited or did not answer within {@code perNode}
   */
  static BenchCluster start(
      Path dir,
      int nodes,
      int agents,
      List<String> jvmFlags,
      String nodeClassPath,
      Duration perNode)
      throws IOException, InterruptedException {
    MesosEmulator emu =
        MesosEmulator.builder()
            .masterAddresses(List.of("127.0.7.1"))
            .heartbeatInterval(Duration.ofSeconds(5))
            .start();
    BenchCluster c = new BenchCluster(emu, new NodeLauncher(jvmFlags, nodeClassPath));
    try {
      for (int i = 1; i <= agents; i++) {
        String ip = "127.0.8." + i;
        c.agentIds.add(emu.addAgent("agent-" + i, ip));
        c.agentIps.add(ip);
      }
      Path ca = CertificateTool.createCa(dir.resolve("ca"), CLUSTER_ID).getParent();
      for (int i = 1; i <= nodes; i++) {
        boolean master = i == 1;
        c.nodes.add(
            new BenchNode(
                master ? "master-1" : "agent-" + (i - 1),
                master ? "master" : "agent",
                "127.0.6." + i,
                STATE_PORT,
                DNS_PORT,
                REST_PORT,
                dir.resolve(master ? "master-1" : "agent-" + (i - 1))));
      }
      List<String> seeds = List.of(c.nodes.get(0).ip() + ":" + STATE_PORT);
      String readyIp = c.launch("ready", 0, false);
      for (BenchNode n : c.nodes) {
        Path tls = n.dir().resolve("tls");
        CertificateTool.createNode(ca, tls, n.name(), List.of(n.ip()));
        String json = n.configJson(CLUSTER_ID, seeds, emu.masterUrls().get(0), tls);
        c.processes.add(c.launcher.start(n, json));
        c.awaitNode(c.processes.size() - 1, "ready", readyIp, System.nanoTime() + perNode.toNanos());
      }
      return c;
    } catch (IOException | RuntimeException | InterruptedException e) {
      c.close();
      throw e;
    }
  }

  List<BenchNode> nodes() {
    return List.copyOf(nodes);
  }

  List<Process> processes() {
    return List.copyOf(processes);
  }

  /** Launches a RUNNING task named {@code name} on agent {@code i % agents}; returns its IP. */
  String launch(String name, int i, boolean containerIp) {
    int a = Math.floorMod(i, agentIds.size());
    TaskSpec spec = TaskSpec.of(framework, agentIds.get(a), name);
    if (containerIp) {
      spec = spec.withContainerIps("9.1." + (i / 250 % 256) + "." + (i % 250 + 2));
    } else {
      spec = spec.withHostPorts(31000 + i % 1000);
    }
    emulator.launchTask(spec);
    return agentIps.get(a);
  }

  /**
   * Waits until every node answers {@code <name>.marathon.agentip...} with {@code ip}.
   *
   * @throws IOException naming the first node that exited or did not answer in time, with its log's
   *     tail
   */
  void awaitAnswered(String name, String ip, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < nodes.size(); i++) {
      awaitNode(i, name, ip, deadline);
    }
  }

  /** Waits until node {@code i} answers {@code <name>.marathon.agentip...} with {@code ip}. */
  private void awaitNode(int i, String name, String ip, long deadlineNanos)
      throws IOException, InterruptedException {
    BenchNode n = nodes.get(i);
    try (DnsProbe probe = new DnsProbe(n.ip(), n.dnsPort(), 500)) {
      while (!probe.a(name + ZONE).equals(List.of(ip))) {
        if (!processes.get(i).isAlive()) {
          throw failure(n, "exited with code " + processes.get(i).exitValue());
        }
        if (System.nanoTime() > deadlineNanos) {
          throw failure(n, "did not answer " + name + ZONE + " in time");
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  /**
   * Waits until the node processes together use at most {@code maxCores} CPU over a {@code
   * window} (user + system time from {@code /proc/<pid>/stat}), or {@code timeout} passed.
   *
   * @return the cores used over the last window
   */
  double awaitQuiet(double maxCores, Duration window, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long t0 = System.nanoTime();
      long c0 = cpuTicks();
      TimeUnit.MILLISECONDS.sleep(window.toMillis());
      double cores = (cpuTicks() - c0) / (double) TICKS_PER_SECOND / ((System.nanoTime() - t0) / 1e9);
      if (cores <= maxCores || System.nanoTime() > deadline) {
        return cores;
      }
    }
  }

  /** Clock ticks (user + system) of every node process. */
  private long cpuTicks() throws IOException {
    long sum = 0;
    for (Process p : processes) {
      String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      sum += Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
    }
    return sum;
  }

  private static IOException failure(BenchNode n, String what) {
    StringBuilder sb = new StringBuilder(n.role() + " " + n.name() + " on " + n.ip() + " " + what);
    try {
      List<String> lines = Files.readAllLines(n.logFile(), StandardCharsets.UTF_8);
      for (String l : lines.subList(Math.max(0, lines.size() - 15), lines.size())) {
        sb.append(System.lineSeparator()).append("  | ").append(l);
      }
    } catch (IOException | RuntimeException e) {
      sb.append(" (log unreadable: ").append(e.getMessage()).append(')');
    }
    return new IOException(sb.toString());
  }

  @Override
  public void close() {
    launcher.close();
    emulator.close();
  }
}
