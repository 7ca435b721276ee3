package io.dcnet.nodedns.listen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs iproute2's {@code ip} (the only place this module spawns processes), optionally inside a
 * named network namespace ({@code ip -n NS ...}). Each run has a 10 s limit; a non-zero exit is an
 * {@link IOException} carrying the command and its output.
 *
 * <p>Immutable; thread-safe (each call spawns its own process).
 */
public final class IpCommand {
  private static final long TIMEOUT_SECONDS = 10;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

  private final String binary;
  private final String namespace;

  private IpCommand(String binary, String namespace) {
    this.binary = binary;
    this.namespace = namespace;
  }

  /** {@code ip} from PATH, in this process's network namespace. */
  public static IpCommand host() {
    return new IpCommand("ip", "");
  }

  /** {@code ip -n NAMESPACE}. */
  public static IpCommand inNamespace(String namespace) {
    return new IpCommand("ip", checkName("namespace", namespace));
  }

  /** The namespace ("" = this process's). */
  public String namespace() {
    return namespace;
  }

  /**
   * Runs {@code ip [-n NS] args...} and returns its standard output and error.
   *
   * @throws IOException when it cannot start, exceeds 10 s or exits non-zero
   */
  public String run(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary);
    if (!namespace.isEmpty()) {
      cmd.add("-n");
      cmd.add(namespace);
    }
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + ": no exit within " + TIMEOUT_SECONDS + " s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out.strip());
      }
      return out;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", cmd) + ": interrupted", e);
    }
  }

  /** True when link {@code name} exists. */
  public boolean linkExists(String name) throws IOException {
    checkName("link", name);
    try {
      run("link", "show", "dev", name);
      return true;
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
        return false;
      }
      throw e;
    }
  }

  /** {@code ip link add NAME type TYPE} (e.g. {@code dummy}, {@code bridge}). */
  public void addLink(String name, String type) throws IOException {
    run("link", "add", checkName("link", name), "type", checkName("type", type));
  }

  /** {@code ip link set NAME up}. */
  public void setUp(String name) throws IOException {
    run("link", "set", checkName("link", name), "up");
  }

  /** {@code ip addr replace CIDR dev NAME} (idempotent). */
  public void replaceAddress(String name, String cidr) throws IOException {
    run("addr", "replace", Objects.requireNonNull(cidr, "cidr"), "dev", checkName("link", name));
  }

  /** {@code ip link del NAME}. */
  public void deleteLink(String name) throws IOException {
    run("link", "del", checkName("link", name));
  }

  /** {@code ip -o addr show dev NAME}: one line per address. */
  public String addresses(String name) throws IOException {
    return run("-o", "addr", "show", "dev", checkName("link", name));
  }

  /** {@code ip netns add NAME} (run from the host namespace). */
  public static void addNamespace(String name) throws IOException {
    host().run("netns", "add", checkName("namespace", name));
  }

  /** {@code ip netns del NAME} (run from the host namespace). */
  public static void deleteNamespace(String name) throws IOException {
    host().run("netns", "del", checkName("namespace", name));
  }

  private static String checkName(String field, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          field + ": " + name + " (expected: 1-15 characters of [A-Za-z0-9_.-])");
    }
    return name;
  }
}
