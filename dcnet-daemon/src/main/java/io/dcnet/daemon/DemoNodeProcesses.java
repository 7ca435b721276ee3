package io.dcnet.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The demo's {@code dcnet master}/{@code dcnet agent} child processes: the only place the demo
 * spawns processes. Each child runs this JVM's {@code java} with this JVM's class path ({@code
 * io.dcnet.daemon.Main <role> --config FILE}), writes its output to {@link DemoNode#logFile()} and
 * exits by itself when this process is gone ({@code -Ddcnet.parent-pid}, see {@code NodeCommand}).
 *
 * <p>{@link #close()} stops every child (SIGTERM, then SIGKILL after 10 s) and waits for it; a
 * shutdown hook does the same when the JVM exits without {@code close()} (Ctrl-C). Thread-safe:
 * spawning and closing synchronize on this object; {@link #awaitReady} runs on the caller's thread
 * and gives up when the children are closed.
 */
final class DemoNodeProcesses implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoNodeProcesses.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES = 15;

  private final List<Process> processes = new ArrayList<>(); // guarded by this
  private final List<DemoNode> nodes = new ArrayList<>(); // guarded by this
  private final Thread hook = new Thread(this::close, "dcnet-demo-nodes-stop");
  private boolean closed; // guarded by this

  DemoNodeProcesses() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Writes {@code configJson} to the node's config file and starts the node process. */
  synchronized Process start(DemoNode node, String configJson) throws IOException {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    Files.createDirectories(node.dir());
    Files.writeString(node.configFile(), configJson, StandardCharsets.UTF_8);
    ProcessBuilder pb = new ProcessBuilder(command(node));
    pb.redirectErrorStream(true);
    pb.redirectOutput(node.logFile().toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    processes.add(p);
    nodes.add(node);
    LOG.info(
        "started dcnet {} {} (pid {}), log {}", node.role(), node.name(), p.pid(), node.logFile());
    return p;
  }

  private static List<String> command(DemoNode node) {
    return nodeCommand(node.role(), node.configFile());
  }

  /**
   * The command line of a {@code dcnet <role>} child JVM on this JVM's class path, small heap, that
   * stops when this process exits.
   */
  static List<String> nodeCommand(String role, Path config) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return List.of(
        java,
        "-Xmx256m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "--enable-native-access=ALL-UNNAMED",
        "-D" + NodeCommand.PARENT_PID + "=" + ProcessHandle.current().pid(),
        "-cp",
        System.getProperty("java.class.path"),
        Main.class.getName(),
        role,
        "--config",
        config.toString());
  }

  /** The started children, in start order. */
  synchronized List<ProcessHandle> handles() {
    return processes.stream().map(Process::toHandle).toList();
  }

  /**
   * Waits until every node's DNS answers {@code ready.spartan} and every name of {@code expected}
   * with exactly its addresses.
   *
   * @throws IOException naming the node (and its log's tail) when it exits or is not ready in time
   */
  void awaitReady(Map<String, Set<String>> expected, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<DemoNode> todo;
    List<Process> procs;
    synchronized (this) {
      todo = List.copyOf(nodes);
      procs = List.copyOf(processes);
    }
    for (int i = 0; i < todo.size(); i++) {
      DemoNode n = todo.get(i);
      Process p = procs.get(i);
      String missing = "ready.spartan";
      while (missing != null) {
        if (isClosed()) {
          throw new IOException("stopped while waiting for " + n.name());
        }
        if (!p.isAlive()) {
          throw failure(n, "exited with code " + p.exitValue());
        }
        if (System.nanoTime() > deadline) {
          throw failure(n, "did not answer " + missing + " within " + timeout.toSeconds() + " s");
        }
        missing = firstMissing(n, expected);
        if (missing != null) {
          TimeUnit.MILLISECONDS.sleep(200);
        }
      }
    }
  }

  /** The first name {@code node} does not answer as expected, or null when all are answered. */
  private static String firstMissing(DemoNode node, Map<String, Set<String>> expected) {
    if (!a(node, "ready.spartan").equals(Set.of("127.0.0.1"))) {
      return "ready.spartan";
    }
    for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
      if (!a(node, e.getKey()).equals(e.getValue())) {
        return e.getKey() + " " + e.getValue();
      }
    }
    return null;
  }

  /** A records of {@code name} from the node's DNS (empty on any failure). */
  static Set<String> a(DemoNode node, String name) {
    Set<String> out = new TreeSet<>();
    try {
      SimpleResolver r = new SimpleResolver(InetAddress.getByName(node.ip()));
      r.setPort(node.dnsPort());
      r.setTimeout(Duration.ofSeconds(1));
      Message m =
          r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, 1)));
      for (Record rec : m.getSection(Section.ANSWER)) {
        if (rec instanceof ARecord ar) {
          out.add(ar.getAddress().getHostAddress());
        }
      }
    } catch (IOException e) {
      // not up yet: empty
    }
    return out;
  }

  private static IOException failure(DemoNode n, String what) {
    StringBuilder sb =
        new StringBuilder("dcnet " + n.role() + " " + n.name() + " on " + n.ip() + " " + what);
    sb.append("; log: ").append(n.logFile());
    try {
      List<String> lines = Files.readAllLines(n.logFile(), StandardCharsets.UTF_8);
      for (String l : lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())) {
        sb.append(System.lineSeparator()).append("  | ").append(l);
      }
    } catch (IOException | RuntimeException e) {
      sb.append(" (unreadable: ").append(e.getMessage()).append(')');
    }
    return new IOException(sb.toString());
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Stops every child and waits until it is gone (idempotent). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down; the hook is running or will find everything closed
      }
    }
    processes.forEach(Process::destroy);
    for (int i = 0; i < processes.size(); i++) {
      Process p = processes.get(i);
      try {
        if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn(
              "dcnet {} did not stop in {} s; killing it",
              nodes.get(i).name(),
              STOP_GRACE.toSeconds());
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
