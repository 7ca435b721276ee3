package io.dcnet.daemon;

import io.dcnet.daemon.node.NodeConfig;
import io.dcnet.daemon.node.NodeConfigException;
import io.dcnet.daemon.node.NodeConfigParser;
import io.dcnet.daemon.node.NodeDaemon;
import io.dcnet.nodedns.resolv.DnsReadyProbe;
import io.dcnet.state.NodeRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code dcnet master} and {@code dcnet agent} share: read the node config, run a {@link
 * NodeDaemon} until a signal.
 *
 * <p>Runs on the picocli main thread; the daemon's parts run on their own threads.
 */
final class NodeCommand {
  /** System property: the process whose exit stops this node. */
  static final String PARENT_PID = "dcnet.parent-pid";

  private NodeCommand() {}

  /** Exit codes: 0 after a signal, 1 runtime failure, 2 bad config. */
  static int run(NodeRole role, Path config, int verbosity) throws InterruptedException {
    String name = "dcnet " + role.roleName();
    Logging.setVerbosity(verbosity);
    NodeConfig cfg;
    try {
      if (!Files.isRegularFile(config)) {
        System.err.println(
            name + ": --config: " + config + " does not exist (expected: a JSON config file)");
        return 2;
      }
      cfg = NodeConfigParser.load(config);
    } catch (NodeConfigException e) {
      System.err.println(name + ": " + config + ": " + e.getMessage());
      return 2;
    }
    try (ExitSignal exit = ExitSignal.install();
        NodeDaemon daemon = new NodeDaemon(cfg, role, Version.get())) {
      daemon.start();
      exitWithParent(exit);
      Optional<SystemdNotifier> systemd = SystemdNotifier.fromEnvironment(System.getenv());
      systemd.ifPresent(n -> n.send("READY=1\nSTATUS=" + name + " running"));
      Optional<SystemdWatchdog> watchdog =
          systemd.flatMap(
              n ->
                  SystemdWatchdog.start(
                      System.getenv(),
                      n,
                      daemon.dnsIps(),
                      new DnsReadyProbe(daemon.dnsPort(), Duration.ofSeconds(1))));
      try {
        return exit.await();
      } finally {
        watchdog.ifPresent(SystemdWatchdog::close);
        systemd.ifPresent(
            n -> {
              n.send("STOPPING=1");
              n.close();
            });
      }
    } catch (IOException | RuntimeException e) {
      System.err.println(name + ": " + e.getMessage());
      return 1;
    }
  }

  /**
   * With {@code -Ddcnet.parent-pid=PID} (set by {@code dcnet demo} for its child nodes), stops
   * (exit code 1) when that process is gone, so a killed demo leaves no node running.
   */
  private static void exitWithParent(ExitSignal exit) {
    String pid = System.getProperty(PARENT_PID);
    if (pid == null) {
      return;
    }
    Optional<ProcessHandle> parent;
    try {
      parent = ProcessHandle.of(Long.parseLong(pid));
    } catch (NumberFormatException e) {
      exit.fail(PARENT_PID + ": " + pid + " (expected: a process id)");
      return;
    }
    if (parent.isEmpty()) {
      exit.fail(PARENT_PID + ": process " + pid + " is gone");
      return;
    }
    var unused =
        parent.get().onExit().thenRun(() -> exit.fail("parent process " + pid + " exited"));
  }
}
