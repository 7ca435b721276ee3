package io.dcnet.bench.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spawns {@code dcnet master}/{@code dcnet agent} child processes: this JVM's {@code java} with
 * the given JVM flags and class path ({@code io.dcnet.daemon.Main <role> --config FILE}, the class
 * path normally {@code dcnet-daemon/target/dcnet.jar}), output to the node's log, {@code -Ddcnet.parent-pid} so that a child stops by itself
 * when the benchmark is gone. {@link #close()} sends SIGTERM to every child, SIGKILL after 10 s,
 * and waits; a shutdown hook does the same on Ctrl-C.
 *
 * <p>Thread-safe: every method synchronizes on this object.
 */
final class NodeLauncher implements AutoCloseable {
  private final List<String> jvmFlags;
  private final String classPath;
  private final List<Process> processes = new ArrayList<>(); // guarded by this
  private final Thread hook = new Thread(this::close, "bench-nodes-stop");
  private boolean closed; // guarded by this

  NodeLauncher(List<String> jvmFlags, String classPath) {
    this.jvmFlags = List.copyOf(jvmFlags);
    this.classPath = classPath;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Writes {@code configJson} to the node's config file and starts the node. */
  synchronized Process start(BenchNode node, String configJson) throws IOException {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    Files.createDirectories(node.dir());
    Files.writeString(node.configFile(), configJson, StandardCharsets.UTF_8);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-Ddcnet.parent-pid=" + ProcessHandle.current().pid());
    cmd.addAll(
        List.of(
            "-cp",
            classPath,
            "io.dcnet.daemon.Main",
            node.role(),
            "--config",
            node.configFile().toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectErrorStream(true);
    pb.redirectOutput(node.logFile().toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    processes.add(p);
    return p;
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
        // the JVM is shutting down; the hook runs or ran
      }
    }
    processes.forEach(Process::destroy);
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
