package io.dcnet.l4lb.nft;

import io.dcnet.core.process.CommandRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One long-lived {@code nft -i} process that applies small scripts (incremental updates), each as
 * one atomic transaction, so a backend change costs neither a process start nor the kernel's wait
 * at the close of an nftables netlink socket after a commit (one RCU grace period, paid by every
 * {@code nft -f} process at exit: decision 012). Whole-table scripts still go through {@code nft
 * -f}.
 *
 * <p>Protocol: a script becomes one input line (its commands joined by {@code ;}, which nft runs as
 * one batch), followed by a marker line that nft always rejects as a syntax error, echoing it on
 * standard error. Everything nft writes on standard error before the marker's own error belongs to
 * the script; a line starting with {@code Error:} there means nft refused it and the kernel kept
 * the table unchanged ({@link Rejected}). Any other failure (the process died, no marker within the
 * time limit, output not of this form) is an {@link IOException} whose outcome is unknown. In both
 * cases the process is ended, and the next call starts a new one. It is also replaced after {@link
 * #RECYCLE_AFTER} scripts, because nft's command history grows with every line. {@code HOME} is set
 * to a path that cannot exist, so nft neither reads nor writes a history file.
 *
 * <p>Thread-safety: used by one thread (the data plane's sync thread), but every method is
 * synchronized so that a stop may {@link #close} it from another thread: the stop then waits for a
 * script in progress (which an interrupt of the sync thread ends at once). Each process has a
 * daemon thread that copies its standard error, line by line, into a queue.
 */
public final class NftSession implements AutoCloseable {
  /** Scripts longer than this go through {@code nft -f}: the line would be long, the gain small. */
  public static final int MAX_SCRIPT_CHARS = 256 * 1024;

  /** Scripts per process before it is replaced. */
  public static final int RECYCLE_AFTER = 1000;

  private static final String MARKER = "dcnet-end-of-script";
  private static final int MAX_ERROR_IN_MESSAGE = 2000;
  private static final Object EOF = new Object();

  private final CommandRunner runner;
  private final Duration timeout;
  private final List<String> command;
  private Process process;
  private OutputStream input;
  private BlockingQueue<Object> errors;
  private int applied;
  private long markers;
  private long starts;

  NftSession(CommandRunner runner, Duration timeout) {
    this(runner, timeout, List.of("nft", "-i"));
  }

  /**
   * A session running {@code nft -i} through {@code runner} (its namespace, if any), 30 s limit per
   * script. Starts nothing until the first {@link #apply}.
   */
  public static NftSession open(CommandRunner runner) {
    return new NftSession(runner, Duration.ofSeconds(30));
  }

  /** A session around another command (tests: one that answers wrongly or not at all). */
  NftSession(CommandRunner runner, Duration timeout, List<String> command) {
    this.runner = runner;
    this.timeout = timeout;
    this.command = List.copyOf(command);
  }

  /** nft refused the script; the table is as it was before. */
  public static final class Rejected extends IOException {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message);
    }
  }

  /**
   * Whether {@code script} can go through a session: one complete command per line (braces balanced
   * on each line), no comments or quoted strings (a {@code #} would swallow the rest of the joined
   * line), and at most {@link #MAX_SCRIPT_CHARS} characters.
   */
  public static boolean fits(String script) {
    if (script.length() > MAX_SCRIPT_CHARS) {
      return false;
    }
    for (String line : script.split("\n", -1)) {
      int depth = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '#' || c == '"' || c == '\r' || c == ';') {
          return false;
        }
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        if (depth < 0) {
          return false;
        }
      }
      if (depth != 0) {
        return false;
      }
    }
    return true;
  }

  /** No {@code nft -i} could be started (or it failed its first marker): nothing was sent. */
  public static final class NotStarted extends IOException {
    private static final long serialVersionUID = 1L;

    NotStarted(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Applies {@code script} (which must {@link #fits}) as one transaction.
   *
   * @throws NotStarted when no process could be started: the script was not sent
   * @throws Rejected when nft refused it: nothing changed
   * @throws IOException when the process failed: whether the script took effect is unknown
   */
  public synchronized void apply(String script) throws IOException {
    if (!fits(script)) {
      throw new IllegalArgumentException("script does not fit a session (see fits)");
    }
    String line =
        script.lines().filter(l -> !l.isBlank()).collect(Collectors.joining("; ")).strip();
    if (line.isEmpty()) {
      return;
    }
    try {
      ensureStarted();
    } catch (IOException | RuntimeException e) {
      close();
      throw new NotStarted("nft -i: cannot start a session: " + e.getMessage(), e);
    }
    try {
      List<String> out = exchange(line);
      if (out.stream().anyMatch(l -> l.startsWith("Error:"))) {
        close(); // nft's cache may hold what the refused batch declared
        String text = String.join("\n", out);
        throw new Rejected(
            text.length() <= MAX_ERROR_IN_MESSAGE
                ? text
                : text.substring(0, MAX_ERROR_IN_MESSAGE) + "...");
      }
    } catch (Rejected e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    if (++applied >= RECYCLE_AFTER) {
      close();
    }
  }

  /** How many {@code nft -i} processes this session has started. */
  synchronized long starts() {
    return starts;
  }

  /** The running process's id, or -1 when none runs. */
  synchronized long pid() {
    Process p = process;
    return p == null ? -1 : p.pid();
  }

  /** Ends the process, if any (closing its input makes nft exit). Idempotent. */
  @Override
  public synchronized void close() {
    Process p = process;
    process = null;
    errors = null;
    if (p == null) {
      return;
    }
    try {
      input.close();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      p.destroyForcibly();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void ensureStarted() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    close();
    Process p = runner.start(Map.of("HOME", "/dev/null/dcnet"), command.toArray(String[]::new));
    BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(() -> copyLines(p, queue), "dcnet-nft-session-" + p.pid() + "-stderr");
    reader.setDaemon(true);
    reader.start();
    process = p;
    input = p.getOutputStream();
    errors = queue;
    applied = 0;
    starts++;
    List<String> greeting = exchange(null); // proves the protocol before the first script
    if (!greeting.isEmpty()) {
      throw new IOException("nft -i: unexpected output at start: " + String.join("\n", greeting));
    }
  }

  private static void copyLines(Process p, BlockingQueue<Object> queue) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        queue.add(l);
      }
    } catch (IOException e) {
      // the process is gone; EOF below tells the waiting caller
    }
    queue.add(EOF);
  }

  /**
   * Writes {@code line} (when not null) and a marker; returns what nft printed for the line, that
   * is, the lines before the marker's own error.
   */
  private List<String> exchange(String line) throws IOException {
    String marker = MARKER + "-" + (++markers);
    StringBuilder text = new StringBuilder();
    if (line != null) {
      text.append(line).append('\n');
    }
    text.append(marker).append('\n');
    try {
      input.write(text.toString().getBytes(StandardCharsets.UTF_8));
      input.flush();
    } catch (IOException e) {
      throw new IOException(
          "nft -i: the process ended (exit " + exitCode() + ") before reading its input", e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> lines = new ArrayList<>();
    for (String l = next(deadline); !l.equals(marker); l = next(deadline)) {
      lines.add(l);
    }
    if (lines.isEmpty() || !lines.get(lines.size() - 1).startsWith("Error:")) {
      throw new IOException("nft -i: unexpected output before the end marker: " + lines);
    }
    String caret = next(deadline);
    if (!caret.contains("^")) {
      throw new IOException("nft -i: unexpected output after the end marker: " + caret);
    }
    return lines.subList(0, lines.size() - 1);
  }

  private String next(long deadline) throws IOException {
    Object o;
    try {
      o = errors.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("nft -i: interrupted", e);
    }
    if (o == null) {
      throw new IOException("nft -i: no answer within " + timeout.toMillis() + " ms");
    }
    if (o == EOF) {
      throw new IOException("nft -i: the process ended (exit " + exitCode() + ")");
    }
    return (String) o;
  }

  private String exitCode() {
    Process p = process;
    try {
      return p != null && p.waitFor(1, TimeUnit.SECONDS) ? String.valueOf(p.exitValue()) : "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
