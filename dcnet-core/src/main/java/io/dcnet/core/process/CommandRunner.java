package io.dcnet.core.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a system command (nft, ip, ...) to completion: the one place data-plane code spawns
 * processes. Optionally inside a named network namespace ({@code ip netns exec NS ...}). Standard
 * input is written and standard output and error are read concurrently, so large inputs and outputs
 * (a 10,000-service nft script, a JSON ruleset) cannot dead-lock on pipe buffers. Each run has a
 * time limit; a non-zero exit is an {@link IOException} that names the command, the exit code and
 * the error output. {@link #start} starts a long-lived child instead (an interactive {@code nft
 * -i}), which its caller talks to and ends.
 *
 * <p>Immutable; thread-safe (each call spawns its own process).
 */
public final class CommandRunner {
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final int MAX_ERROR_IN_MESSAGE = 2000;

  private final String namespace;
  private final Duration timeout;

  private CommandRunner(String namespace, Duration timeout) {
    this.namespace = namespace;
    this.timeout = timeout;
  }

  /** Commands in this process's network namespace, 30 s limit. */
  public static CommandRunner host() {
    return new CommandRunner("", Duration.ofSeconds(30));
  }

  /** Commands inside network namespace {@code name} (via {@code ip netns exec}), 30 s limit. */
  public static CommandRunner inNamespace(String name) {
    if (name == null || !NAMESPACE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "namespace: " + name + " (expected: [A-Za-z0-9_.-]{1,64})");
    }
    return new CommandRunner(name, Duration.ofSeconds(30));
  }

  /** The same runner with another time limit. */
  public CommandRunner withTimeout(Duration limit) {
    return new CommandRunner(namespace, limit);
  }

  /** The namespace ("" = this process's). */
  public String namespace() {
    return namespace;
  }

  /** Runs {@code args} with empty standard input; returns standard output. */
  public String run(String... args) throws IOException {
    return run(new byte[0], args).stdout();
  }

  /**
   * Runs {@code args} with {@code stdin} as standard input.
   *
   * @throws IOException when it cannot start, exceeds the time limit or exits non-zero
   */
  public Result run(byte[] stdin, String... args) throws IOException {
    List<String> cmd = command(args);
    String shown = String.join(" ", cmd);
    Process p;
    try {
      p = new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      throw new IOException(shown + ": cannot start: " + e.getMessage(), e);
    }
    CompletableFuture<byte[]> out = drain(p.getInputStream());
    CompletableFuture<byte[]> err = drain(p.getErrorStream());
    try {
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
      } catch (IOException e) {
        // the process exited before reading all input; its exit code tells why
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(shown + ": no exit within " + timeout.toMillis() + " ms");
      }
      String stdout = new String(out.get(), StandardCharsets.UTF_8);
      String stderr = new String(err.get(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        String detail = stderr.isBlank() ? stdout : stderr;
        if (detail.length() > MAX_ERROR_IN_MESSAGE) {
          detail = detail.substring(0, MAX_ERROR_IN_MESSAGE) + "...";
        }
        throw new IOException(shown + ": exit " + p.exitValue() + ": " + detail.strip());
      }
      return new Result(stdout, stderr);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(shown + ": interrupted", e);
    } catch (ExecutionException e) {
      p.destroyForcibly();
      throw new IOException(shown + ": reading output failed", e.getCause());
    }
  }

  /**
   * Starts {@code args} as a long-lived child that reads commands on its standard input, such as
   * {@code nft -i}. Its standard output is discarded; the caller reads its standard error, writes
   * its input, and ends it (closing its input, then {@link Process#destroyForcibly} if need be).
   * The time limit does not apply. {@code environment} entries are added to the inherited
   * environment, replacing inherited values of the same names.
   *
   * @throws IOException when it cannot start
   */
  public Process start(Map<String, String> environment, String... args) throws IOException {
    List<String> cmd = command(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(environment);
    try {
      return pb.start();
    } catch (IOException e) {
      throw new IOException(String.join(" ", cmd) + ": cannot start: " + e.getMessage(), e);
    }
  }

  /** {@code args}, prefixed with {@code ip netns exec <namespace>} when there is a namespace. */
  private List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    if (!namespace.isEmpty()) {
      cmd.addAll(List.of("ip", "netns", "exec", namespace));
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                f.complete(buf.toByteArray());
              } catch (IOException e) {
                f.completeExceptionally(e);
              }
            },
            "dcnet-command-output");
    t.setDaemon(true);
    t.start();
    return f;
  }

  /** Output of a successful run. */
  public record Result(String stdout, String stderr) {}
}
