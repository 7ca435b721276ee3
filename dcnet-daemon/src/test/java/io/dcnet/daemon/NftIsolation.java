package io.dcnet.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Cuts one node process off from its peers with an nftables table of its own ({@code inet <name>}).
 * Addresses alone cannot do it on loopback: a node's outgoing connections leave from 127.0.0.1, not
 * from its own IP. So the process is first moved into a cgroup (v2) of the same name (before it
 * opens any socket), and the table's output-hook chain drops every packet its sockets send to the
 * peers' state ports or from its own state port, and every packet sent to its state port: nothing
 * of the cluster transport gets in or out, its DNS and REST still answer. Needs root, {@code nft}
 * and a cgroup2 mount under {@code /sys/fs/cgroup}. Test thread only.
 */
final class NftIsolation {
  private static final Path CGROUP_BASE = Path.of("/sys/fs/cgroup");

  private final String name;
  private final Path cgroupMount;

  NftIsolation(String name) throws IOException {
    this.name = name;
    this.cgroupMount = cgroup2Mount();
  }

  /** Moves {@code pid} (and its future sockets) into this isolation's cgroup. */
  void adopt(long pid) throws IOException {
    Path cg = cgroupMount.resolve(name);
    Files.createDirectories(cg);
    Files.writeString(cg.resolve("cgroup.procs"), Long.toString(pid), StandardCharsets.UTF_8);
  }

  /**
   * Creates the table (replacing one left over): the adopted process on {@code ip} can no longer
   * exchange cluster traffic with the peers.
   */
  void isolate(String ip, int statePort, List<Integer> peerStatePorts)
      throws IOException, InterruptedException {
    remove();
    String cgroup = CGROUP_BASE.relativize(cgroupMount.resolve(name)).toString();
    String socket = "socket cgroupv2 level 1 \"" + cgroup + "\"";
    String peers =
        peerStatePorts.stream().map(String::valueOf).collect(Collectors.joining(", ", "{ ", " }"));
    String script =
        String.join(
            "\n",
            "table inet " + name + " {",
            "  chain out {",
            "    type filter hook output priority 0; policy accept;",
            "    " + socket + " tcp dport " + peers + " drop",
            "    " + socket + " tcp sport " + statePort + " drop",
            "    ip daddr " + ip + " tcp dport " + statePort + " drop",
            "  }",
            "}",
            "");
    Result r = nft(script, "-f", "-");
    if (r.code != 0) {
      throw new IOException("nft -f: exit code " + r.code + ": " + r.output + "\n" + script);
    }
  }

  /** Deletes the table; true when it existed. Never throws for a missing table. */
  boolean remove() throws IOException, InterruptedException {
    return nft("", "delete", "table", "inet", name).code == 0;
  }

  /** Deletes the table and the cgroup (once its processes are gone). */
  void removeAll() throws IOException, InterruptedException {
    remove();
    Path cg = cgroupMount.resolve(name);
    if (Files.isDirectory(cg)) {
      Files.delete(cg); // rmdir; fails while a process is still in it
    }
  }

  /** True when the table exists. */
  boolean exists() throws IOException, InterruptedException {
    return nft("", "list", "table", "inet", name).code == 0;
  }

  private static Path cgroup2Mount() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/mounts"), StandardCharsets.UTF_8)) {
      String[] f = line.split(" ");
      if (f.length > 2 && f[2].equals("cgroup2") && Path.of(f[1]).startsWith(CGROUP_BASE)) {
        return Path.of(f[1]);
      }
    }
    throw new IOException("no cgroup2 mount under " + CGROUP_BASE + " (expected: cgroup v2)");
  }

  private record Result(int code, String output) {}

  private static Result nft(String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("nft");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("nft " + String.join(" ", args) + ": no exit within 10 s");
    }
    return new Result(p.exitValue(), out.strip());
  }
}
