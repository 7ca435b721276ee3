package io.dcnet.daemon.l4lb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started inside a network namespace ({@code ip netns exec NS java -cp <test class path> MAIN
 * ...}; {@code ip netns exec} execs, so the process is the JVM itself). Either a helper driven by a
 * line protocol (one command line in, one answer line out, answers marked {@code "> "}, e.g. {@code
 * NetnsAgent} or {@link HubMain}), or a {@code dcnet} node writing to a log file.
 *
 * <p>Calls are serialised: thread-safe.
 */
final class NetnsJvm implements AutoCloseable {
  static final String PREFIX = "> ";
  private static final int MAX_SKIPPED_LINES = 10_000;

  private final String name;
  private final Process process;
  private final Writer in;
  private final BufferedReader out;

  private NetnsJvm(String name, Process process, boolean driven) {
    this.name = name;
    this.process = process;
    this.in = driven ? process.outputWriter(StandardCharsets.UTF_8) : null;
    this.out =
        driven
            ? new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
            : null;
  }

  /** Starts a helper driven over stdin/stdout; its stderr goes to {@code log}. */
  static NetnsJvm helper(String namespace, String name, Path log, String main, String... args)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(namespace, "-Xmx96m", main, args));
    pb.redirectError(log.toFile());
    return new NetnsJvm(name, pb.start(), true);
  }

  /** Starts a process whose stdout and stderr go to {@code log} and whose stdin is empty. */
  static NetnsJvm logged(String namespace, String name, Path log, String main, String... args)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(namespace, "-Xmx256m", main, args));
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return new NetnsJvm(name, pb.start(), false);
  }

  private static List<String> command(String ns, String jvmOptions, String main, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            "ip",
            "netns",
            "exec",
            ns,
            java,
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "--enable-native-access=ALL-UNNAMED",
            "-Ddcnet.parent-pid=" + ProcessHandle.current().pid()));
    cmd.addAll(List.of(jvmOptions.split(" ")));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
    cmd.addAll(List.of(args));
    return cmd;
  }

  String name() {
    return name;
  }

  /** The first answer of a helper (its greeting). */
  synchronized String greeting() throws IOException {
    return answer("(greeting)");
  }

  /** Sends one command and returns its answer line without the prefix. */
  synchronized String call(String command) throws IOException {
    in.write(command + "\n");
    in.flush();
    return answer(command);
  }

  private String answer(String command) throws IOException {
    for (int i = 0; i < MAX_SKIPPED_LINES; i++) {
      String line = out.readLine();
      if (line == null) {
        throw new IOException(name + " exited while handling: " + command);
      }
      if (line.startsWith(PREFIX)) {
        return line.substring(PREFIX.length());
      }
    }
    throw new IOException(name + " printed " + MAX_SKIPPED_LINES + " lines without an answer");
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, and wait until it is gone. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " still alive 10 s after SIGKILL");
    }
  }

  /** SIGTERM, SIGKILL after {@code graceSeconds}; waits until it is gone. */
  void stop(int graceSeconds) {
    process.destroy();
    try {
      if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(5);
  }
}
