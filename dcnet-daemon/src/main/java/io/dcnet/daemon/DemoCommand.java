package io.dcnet.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dcnet demo}: everything on loopback, with commands to paste. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a Mesos cluster and dcnet's Mesos-DNS on this machine, and print commands to try.",
      "",
      "Everything stays on loopback: a Mesos master emulator runs sample apps (real HTTP servers"
          + " on 127.0.1.1 and 127.0.1.2) as Marathon tasks, and Mesos-DNS serves their names on"
          + " 127.0.0.1. A dcnet master (127.0.0.31) and two dcnet agents (127.0.0.32, .33) run as"
          + " child processes, each with its node DNS and REST API on its own address. The printed"
          + " dig and curl commands work as they are. Ctrl-C stops everything."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--dns-port",
      description = "DNS port on 127.0.0.1; a free one if taken (default: ${DEFAULT-VALUE})",
      defaultValue = "8053")
  int dnsPort;

  @Option(
      names = "--http-port",
      description = "HTTP API port on 127.0.0.1; a free one if taken (default: ${DEFAULT-VALUE})",
      defaultValue = "8123")
  int httpPort;

  @Option(
      names = "--refresh-seconds",
      description = "how often Mesos-DNS polls the emulator (default: ${DEFAULT-VALUE})",
      defaultValue = "5")
  int refreshSeconds;

  @Option(
      names = "--nodes",
      negatable = true,
      description = "start the dcnet master and agents (default: ${DEFAULT-VALUE})",
      defaultValue = "true",
      fallbackValue = "true")
  boolean nodes;

  @Option(
      names = "--nodes-timeout-seconds",
      description = "how long the nodes may take to come up (default: ${DEFAULT-VALUE})",
      defaultValue = "120")
  int nodesTimeoutSeconds;

  @Option(
      names = "--keep-logs",
      description =
          "keep the nodes' configs and logs after a clean stop (a failed run always keeps them)")
  boolean keepLogs;

  @Override
  public Integer call() throws Exception {
    try (ExitSignal exit = ExitSignal.install()) {
      DemoWorkDir workDir = null;
      int code;
      try (Demo demo = new Demo().start(dnsPort, httpPort, refreshSeconds)) {
        workDir = nodes ? DemoWorkDir.create() : null;
        code = run(exit, demo, workDir == null ? null : workDir.path());
      }
      if (workDir != null) {
        System.out.println(workDir.finish(code, keepLogs));
      }
      return code;
    }
  }

  private int run(ExitSignal exit, Demo demo, Path dir) throws InterruptedException {
    if (dir != null) {
      System.out.println("starting dcnet master and agents (configs and logs in " + dir + ") ...");
      try {
        demo.startNodes(dir, true, Duration.ofSeconds(nodesTimeoutSeconds));
      } catch (IOException e) {
        System.err.println("dcnet demo: " + e.getMessage());
        return 1;
      }
    }
    System.out.println();
    System.out.println("dcnet demo is running (Ctrl-C to stop):");
    System.out.println("  Mesos master emulator  " + demo.emulator().masterUrls().get(0));
    System.out.println("  Mesos-DNS (udp+tcp)    " + Demo.IP + ":" + demo.dnsPort());
    System.out.println("  Mesos-DNS HTTP API     http://" + Demo.IP + ":" + demo.httpPort());
    System.out.println("  apps (framework marathon):");
    for (DemoApps.Instance i : demo.instances()) {
      System.out.println("    " + i.app() + " #" + i.index() + " on " + i.ip() + ":" + i.port());
    }
    if (dir != null) {
      System.out.println("  dcnet nodes (configs and logs in " + dir + "):");
      for (DemoNode n : demo.nodes()) {
        System.out.printf(
            "    %-8s dcnet %-6s  DNS %s:%d  REST %s  state port %d%n",
            n.name(), n.role(), n.ip(), n.dnsPort(), n.restUrl(), n.statePort());
      }
    }
    System.out.println();
    System.out.println("Try:");
    for (String line : demo.commands()) {
      System.out.println("  " + line);
    }
    System.out.println();
    return exit.await();
  }
}
