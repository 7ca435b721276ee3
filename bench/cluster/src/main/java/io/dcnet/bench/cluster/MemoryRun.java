package io.dcnet.bench.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Memory per node: a cluster of {@code nodes} nodes, measured once with one task (baseline) and
 * once after {@code tasks} more tasks were launched (half with host ports, half with a container
 * IP) and every node answers the first and the last of them, plus {@code settle} for the cluster
 * state to go quiet. Main thread only.
 */
final class MemoryRun {
  private MemoryRun() {}

  static void run(
      int nodes, int tasks, Duration settle, List<String> jvm, String nodeClassPath, Path out)
      throws Exception {
    Path dir = Files.createTempDirectory("dcnet-bench-memory-");
    try (BenchCluster c =
        BenchCluster.start(dir, nodes, 5, jvm, nodeClassPath, Duration.ofMinutes(3))) {
      c.awaitQuiet(0.25, Duration.ofSeconds(10), Duration.ofMinutes(3));
      TimeUnit.MILLISECONDS.sleep(settle.toMillis());
      List<NodeMemory> base = measure(c);
      long t0 = System.nanoTime();
      String firstIp = null;
      String lastIp = null;
      for (int i = 0; i < tasks; i++) {
        String a = c.launch(PropagationBench.name("m", i), i, i % 2 == 1);
        firstIp = i == 0 ? a : firstIp;
        lastIp = a;
      }
      double launchSecs = (System.nanoTime() - t0) / 1e9;
      c.awaitAnswered(PropagationBench.name("m", 0), firstIp, Duration.ofMinutes(5));
      c.awaitAnswered(PropagationBench.name("m", tasks - 1), lastIp, Duration.ofMinutes(5));
      double convergeSecs = (System.nanoTime() - t0) / 1e9;
      TimeUnit.MILLISECONDS.sleep(settle.toMillis());
      List<NodeMemory> loaded = measure(c);
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "%d tasks launched in %.1f s; every node answered the first and last after %.1f s;"
                  + " settle %d s before each measurement%n%n",
              tasks,
              launchSecs,
              convergeSecs,
              settle.toSeconds()));
      sb.append(
          "| node | role | RSS 1 task (MiB) | RSS (MiB) | heap used after full GC, 1 task (MiB)"
              + " | heap used after full GC (MiB) | heap committed (MiB) |\n");
      sb.append("|---|---|---|---|---|---|---|\n");
      List<BenchNode> ns = c.nodes();
      for (int i = 0; i < ns.size(); i++) {
        NodeMemory b = base.get(i);
        NodeMemory l = loaded.get(i);
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %s |%n",
                ns.get(i).name(),
                ns.get(i).role(),
                NodeMemory.mib(b.rssKib()),
                NodeMemory.mib(l.rssKib()),
                NodeMemory.mib(b.heapUsedKib()),
                NodeMemory.mib(l.heapUsedKib()),
                NodeMemory.mib(l.heapCommittedKib())));
      }
      System.out.print(sb);
      Files.writeString(out.resolve("cluster-memory-" + nodes + "x" + tasks + ".md"), sb.toString());
    } finally {
      System.out.println("logs in " + dir);
    }
  }

  private static List<NodeMemory> measure(BenchCluster c) throws Exception {
    List<NodeMemory> out = new ArrayList<>();
    for (Process p : c.processes()) {
      out.add(NodeMemory.measure(p.pid()));
    }
    return out;
  }
}
