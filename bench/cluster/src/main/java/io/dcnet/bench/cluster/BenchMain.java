package io.dcnet.bench.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar dcnet-cluster-bench.jar propagation|memory [--key value]...}: see README.md.
 * Prints markdown tables on stdout and writes raw data to {@code --out}. Main thread only.
 */
public final class BenchMain {
  static final String DEFAULT_JVM = "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0
        || !List.of("propagation", "memory", "vip-propagation", "vip-e2e").contains(args[0])) {
      System.err.println(
          "usage: propagation|memory|vip-propagation|vip-e2e [--nodes 3,10,20] [--tasks N] [--out DIR] ...");
      System.exit(2);
    }
    Map<String, String> o = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        System.err.println(args[i] + " (expected: --key value)");
        System.exit(2);
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    ((Logger) LoggerFactory.getLogger("io.dcnet.mesos.emulator")).setLevel(Level.WARN);
    List<String> jvm = Arrays.asList(o.getOrDefault("jvm", DEFAULT_JVM).trim().split("\\s+"));
    Path out = Path.of(o.getOrDefault("out", "out")).toAbsolutePath();
    Files.createDirectories(out);
    String nodeJar = o.getOrDefault("node-jar", System.getProperty("java.class.path"));
    System.out.println("node JVM flags: " + String.join(" ", jvm) + "; node class path: " + nodeJar);
    if (args[0].equals("propagation")) {
      propagation(o, jvm, nodeJar, out);
    } else if (args[0].equals("vip-e2e")) {
      VipEndToEndBench.run(
          Integer.parseInt(o.getOrDefault("services", "10000")),
          Integer.parseInt(o.getOrDefault("backends", "5")),
          Integer.parseInt(o.getOrDefault("changes", "100")),
          Integer.parseInt(o.getOrDefault("warmup", "10")),
          Duration.ofMillis(Long.parseLong(o.getOrDefault("gap-ms", "300"))),
          out);
    } else if (args[0].equals("vip-propagation")) {
      List<Integer> sizes = new ArrayList<>();
      for (String n : o.getOrDefault("nodes", "3,10,20").split(",")) {
        sizes.add(Integer.parseInt(n.trim()));
      }
      VipPropagationBench.run(
          sizes,
          Integer.parseInt(o.getOrDefault("down", "0")),
          Integer.parseInt(o.getOrDefault("changes", "50")),
          Integer.parseInt(o.getOrDefault("warmup", "6")),
          Duration.ofMillis(Long.parseLong(o.getOrDefault("gap-ms", "300"))),
          out);
    } else {
      MemoryRun.run(
          Integer.parseInt(o.getOrDefault("nodes", "3")),
          Integer.parseInt(o.getOrDefault("tasks", "10000")),
          Duration.ofSeconds(Long.parseLong(o.getOrDefault("settle-seconds", "20"))),
          jvm,
          nodeJar,
          out);
    }
    System.exit(0); // emulator HTTP threads are non-daemon
  }

  private static void propagation(
      Map<String, String> o, List<String> jvm, String nodeJar, Path out) throws Exception {
    int tasks = Integer.parseInt(o.getOrDefault("tasks", "100"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "10"));
    long interval = Long.parseLong(o.getOrDefault("interval-ms", "200"));
    long poll = Long.parseLong(o.getOrDefault("poll-ms", "20"));
    List<String> rows = new ArrayList<>();
    for (String s : o.getOrDefault("nodes", "3,10,20").split(",")) {
      int n = Integer.parseInt(s.trim());
      Path dir = Files.createTempDirectory("dcnet-bench-cluster-" + n + "-");
      long t0 = System.nanoTime();
      try (BenchCluster c = BenchCluster.start(dir, n, 5, jvm, nodeJar, Duration.ofMinutes(3))) {
        double started = (System.nanoTime() - t0) / 1e9;
        double idle = c.awaitQuiet(0.25, Duration.ofSeconds(10), Duration.ofMinutes(3));
        System.out.printf(
            Locale.ROOT,
            "%d nodes: every node answers after %.1f s (one by one); the nodes use %.2f cores"
                + " together %.0f s after start; warm-up (%d tasks)%n",
            n,
            started,
            idle,
            (System.nanoTime() - t0) / 1e9,
            warmup);
        Duration perTask = Duration.ofSeconds(30);
        new PropagationBench(c, warmup, interval, poll, perTask).run("warm");
        PropagationBench.Result r = new PropagationBench(c, tasks, interval, poll, perTask).run("t");
        PropagationBench.writeCsv(r, c.nodes(), out.resolve("cluster-propagation-" + n + ".csv"));
        Stats all = Stats.of(r.allNodesMillis());
        Stats first = Stats.of(r.firstNodeMillis());
        String row =
            String.format(
                Locale.ROOT,
                "| %d | %d | %s | %s | %s | %s | %s | %s | %d |",
                n,
                all.count(),
                Stats.ms(all.percentile(50)),
                Stats.ms(all.percentile(99)),
                Stats.ms(all.max()),
                Stats.ms(all.mean()),
                Stats.ms(first.percentile(50)),
                Stats.ms(first.percentile(99)),
                r.missing());
        rows.add(row);
        System.out.println(row);
      } finally {
        System.out.printf(Locale.ROOT, "%d nodes: logs in %s%n", n, dir);
      }
    }
    String table =
        String.join(
            "\n",
            List.of(
                "| nodes | tasks | all nodes p50 (ms) | all nodes p99 (ms) | all nodes max (ms)"
                    + " | all nodes mean (ms) | first node p50 (ms) | first node p99 (ms)"
                    + " | missed (task x node) |",
                "|---|---|---|---|---|---|---|---|---|"));
    table += "\n" + String.join("\n", rows) + "\n";
    System.out.print(table);
    Files.writeString(out.resolve("cluster-propagation.md"), table);
  }
}
