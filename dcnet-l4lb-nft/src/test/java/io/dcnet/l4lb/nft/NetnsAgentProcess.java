package io.dcnet.l4lb.nft;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NetnsAgent} JVM running inside a namespace, driven over its standard input and output.
 * This is the one long-lived process of the tests: {@code CommandRunner} only runs commands to
 * completion, so this class uses {@link ProcessBuilder} directly (test code only). Calls are
 * serialised: thread-safe.
 */
final class NetnsAgentProcess implements AutoCloseable {
  private static final int MAX_SKIPPED_LINES = 1000;

  private final Process process;
  private final Writer in;
  private final BufferedReader out;

  private NetnsAgentProcess(Process process) {
    this.process = process;
    this.in = process.outputWriter(StandardCharsets.UTF_8);
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts an agent in {@code namespace} with this JVM's java binary and test class path. */
  static NetnsAgentProcess start(String namespace) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            "ip",
            "netns",
            "exec",
            namespace,
            java,
            "-Xmx64m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            NetnsAgent.class.getName());
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    NetnsAgentProcess agent = new NetnsAgentProcess(p);
    String hello = agent.answer();
    if (!"ready".equals(hello)) {
      agent.close();
      throw new IOException("agent in " + namespace + " did not start: " + hello);
    }
    return agent;
  }

  /** Sends one command and returns its answer line. */
  synchronized String call(String command) throws IOException {
    in.write(command + "\n");
    in.flush();
    String answer = answer();
    if (answer == null) {
      throw new IOException("agent exited while handling: " + command);
    }
    return answer;
  }

  /** The next answer line without its prefix, skipping other output; null at end of stream. */
  private String answer() throws IOException {
    for (int i = 0; i < MAX_SKIPPED_LINES; i++) {
      String line = out.readLine();
      if (line == null || line.startsWith(NetnsAgent.PREFIX)) {
        return line == null ? null : line.substring(NetnsAgent.PREFIX.length());
      }
    }
    throw new IOException("agent printed " + MAX_SKIPPED_LINES + " lines without an answer");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
