package io.dcnet.bench.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of a node process: resident set size from {@code /proc/<pid>/status} and the JVM heap in
 * use after a full GC ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}: the sum of the "used"
 * of the heap's generations). Immutable; thread-safe.
 *
 * @param rssKib VmRSS in KiB
 * @param heapUsedKib heap used after a full GC, KiB
 * @param heapCommittedKib heap committed (the generations' "total"), KiB
 */
record NodeMemory(long rssKib, long heapUsedKib, long heapCommittedKib) {
  private static final Pattern SPACE = Pattern.compile("total (\\d+)K, used (\\d+)K");
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  static NodeMemory measure(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    String heap = jcmd(pid, "GC.heap_info");
    long used = 0;
    long total = 0;
    for (String line : heap.split("\n")) {
      Matcher m = SPACE.matcher(line);
      if (m.find()) {
        total += Long.parseLong(m.group(1));
        used += Long.parseLong(m.group(2));
      }
    }
    if (total == 0) {
      throw new IOException("jcmd " + pid + " GC.heap_info: no \"total ..K, used ..K\" line: " + heap);
    }
    return new NodeMemory(rss(pid), used, total);
  }

  static long rss(long pid) throws IOException {
    String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
    Matcher m = RSS.matcher(status);
    if (!m.find()) {
      throw new IOException("/proc/" + pid + "/status: no VmRSS line");
    }
    return Long.parseLong(m.group(1));
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(
          "jcmd " + pid + " " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  static String mib(long kib) {
    return String.format(java.util.Locale.ROOT, "%.1f", kib / 1024.0);
  }
}
