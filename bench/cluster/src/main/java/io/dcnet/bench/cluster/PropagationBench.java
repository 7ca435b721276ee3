package io.dcnet.bench.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * DNS propagation time: for one cluster size, launches {@code tasks} tasks one after another in the
 * emulator and records, per task, the time from the emulator marking it RUNNING ({@code
 * launchTask} returned) to the moment every node's DNS answers its {@code agentip} name.
 *
 * <p>One polling thread per node queries the oldest task that node does not answer yet, every
 * {@code pollMillis}; once answered it moves on to the next at once (a node's zone only ever
 * grows here, in launch order, so a later task is never answered before an earlier one). The
 * measurement resolution is therefore {@code pollMillis} plus one query's round trip.
 *
 * <p>Runs on the caller's thread plus the pollers; not reusable.
 */
final class PropagationBench {
  private final BenchCluster cluster;
  private final int tasks;
  private final long intervalMillis;
  private final long pollMillis;
  private final Duration perTaskTimeout;

  PropagationBench(
      BenchCluster cluster,
      int tasks,
      long intervalMillis,
      long pollMillis,
      Duration perTaskTimeout) {
    this.cluster = cluster;
    this.tasks = tasks;
    this.intervalMillis = intervalMillis;
    this.pollMillis = pollMillis;
    this.perTaskTimeout = perTaskTimeout;
  }

  /** Per task and node: nanoseconds from RUNNING to answered (-1: not answered in time). */
  record Result(long[][] nanos, int nodes) {
    /** Per task: the slowest node (-1 when any node missed it). */
    double[] allNodesMillis() {
      return reduce(true);
    }

    /** Per task: the fastest node (the master, in practice). */
    double[] firstNodeMillis() {
      return reduce(false);
    }

    int missing() {
      int m = 0;
      for (long[] t : nanos) {
        for (long v : t) {
          m += v < 0 ? 1 : 0;
        }
      }
      return m;
    }

    private double[] reduce(boolean max) {
      List<Double> out = new ArrayList<>();
      for (long[] t : nanos) {
        long best = max ? Long.MIN_VALUE : Long.MAX_VALUE;
        boolean miss = false;
        for (long v : t) {
          miss |= v < 0;
          best = max ? Math.max(best, v) : Math.min(best, v);
        }
        if (!miss) {
          out.add(best / 1e6);
        }
      }
      return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  /** Launches the tasks ({@code prefix-00000}...) and waits for every node to answer each. */
  Result run(String prefix) throws InterruptedException {
    List<BenchNode> nodes = cluster.nodes();
    AtomicLongArray launchedAt = new AtomicLongArray(tasks);
    String[] ips = new String[tasks];
    AtomicInteger launched = new AtomicInteger();
    long[][] answered = new long[tasks][nodes.size()];
    for (long[] row : answered) {
      java.util.Arrays.fill(row, -1);
    }
    List<Thread> pollers = new ArrayList<>();
    for (int n = 0; n < nodes.size(); n++) {
      int node = n;
      Thread t =
          Thread.ofPlatform()
              .name("poll-" + nodes.get(n).name())
              .start(() -> poll(nodes.get(node), node, prefix, ips, launchedAt, launched, answered));
      pollers.add(t);
    }
    long next = System.nanoTime();
    for (int i = 0; i < tasks; i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      ips[i] = cluster.launch(name(prefix, i), i, i % 2 == 1);
      launchedAt.set(i, System.nanoTime());
      launched.incrementAndGet(); // publishes ips[i] and launchedAt[i] to the pollers
      next += TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }
    for (Thread t : pollers) {
      t.join(perTaskTimeout.toMillis() + 5_000);
    }
    return new Result(answered, nodes.size());
  }

  private void poll(
      BenchNode node,
      int n,
      String prefix,
      String[] ips,
      AtomicLongArray launchedAt,
      AtomicInteger launched,
      long[][] answered) {
    try (DnsProbe probe = new DnsProbe(node.ip(), node.dnsPort(), 1000)) {
      int i = 0;
      while (i < tasks) {
        if (i >= launched.get()) {
          TimeUnit.MILLISECONDS.sleep(pollMillis);
          continue;
        }
        long t0 = launchedAt.get(i);
        List<String> a = probe.a(name(prefix, i) + BenchCluster.ZONE);
        long now = System.nanoTime();
        if (a.equals(List.of(ips[i]))) {
          answered[i][n] = now - t0;
          i++;
        } else if (now - t0 > perTaskTimeout.toNanos()) {
          i++; // missed: stays -1
        } else {
          TimeUnit.MILLISECONDS.sleep(pollMillis);
        }
      }
    } catch (IOException e) {
      System.err.println("poller of " + node.name() + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String name(String prefix, int i) {
    return String.format(Locale.ROOT, "%s-%05d", prefix, i);
  }

  /** Writes one CSV line per task: index, then each node's milliseconds (-1 = missed). */
  static void writeCsv(Result r, List<BenchNode> nodes, Path file) throws IOException {
    try (PrintStream out =
        new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
      out.print("task");
      nodes.forEach(n -> out.print("," + n.name()));
      out.println();
      for (int i = 0; i < r.nanos().length; i++) {
        out.print(i);
        for (long v : r.nanos()[i]) {
          out.print(v < 0 ? ",-1" : String.format(Locale.ROOT, ",%.1f", v / 1e6));
        }
        out.println();
      }
    }
  }
}
