package io.dcnet.bench.cluster;

import io.dcnet.l4lb.agent.VipPublisher;
import io.dcnet.l4lb.model.AgentVips;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.state.ClusterState;
import io.dcnet.state.ClusterStateConfig;
import io.dcnet.state.MemberInfo;
import io.dcnet.state.MemberStatus;
import io.dcnet.state.NodeRole;
import io.dcnet.state.StateKey;
import io.dcnet.state.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How long an agent's VIP backend change takes to reach every node, as the L4 controllers see it:
 * from {@link VipPublisher#publish} until each node's subscription to the VIP's bucket key
 * delivers the new backend. N cluster-state nodes run in this JVM on 127.0.0.1 (one master, N-1
 * agents; the second node publishes). Changes alternate between a publisher that writes locally
 * (delta propagation and gossip) and one that pushes to every member ({@code WriteAll}), so both
 * ways are measured in the same run on the same cluster. Each change replaces the backend with a
 * new port, so every change is distinguishable. Main thread; subscription callbacks on each node's
 * event thread.
 */
final class VipPropagationBench {
  private static final VipId VIP = new VipId(Protocol.TCP, "web.marathon", 80);
  private static final Duration ARRIVAL_LIMIT = Duration.ofSeconds(20);

  private VipPropagationBench() {}

  static void run(List<Integer> sizes, int changes, int warmup, Duration gap, Path out)
      throws Exception {
    run(sizes, 0, changes, warmup, gap, out);
  }

  /**
   * As {@link #run(List, int, int, Duration, Path)}; the last {@code down} nodes of each size are
   * stopped without leaving (down, not yet removed: the masters remove them after 3 min) before
   * the changes, which are then measured to the other nodes.
   */
  static void run(List<Integer> sizes, int down, int changes, int warmup, Duration gap, Path out)
      throws Exception {
    List<String> csv = new ArrayList<>(List.of("nodes,change,mode,publisher_ms,last_node_ms"));
    System.out.println(
        "| nodes | mode | changes | publish returns p50 / max (ms) | last node p50 (ms) | last node"
            + " p99 (ms) | last node max (ms) |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (int n : sizes) {
      List<ClusterState> nodes = new ArrayList<>();
      try {
        start(nodes, n);
        List<ClusterState> live = new ArrayList<>(nodes.subList(0, n - down));
        for (ClusterState gone : nodes.subList(n - down, n)) {
          gone.close();
        }
        awaitUnreachable(live.get(1), down);
        measure(live, changes, warmup, gap, csv);
      } finally {
        nodes.forEach(ClusterState::close);
      }
    }
    Path file = out.resolve("cluster-vip-propagation.csv");
    Files.write(file, csv);
    System.out.println("raw: " + file);
  }

  /**
   * Starts {@code n} nodes into {@code nodes}, one at a time, each once the previous ones are all
   * Up: master {@code m0}, then agents {@code 10.0.0.1}... joining through it (also used by {@link
   * VipEndToEndBench}).
   */
  static void start(List<ClusterState> nodes, int n) {
    for (int i = 0; i < n; i++) {
      boolean master = i == 0;
      String id = master ? "m0" : "10.0.0." + i;
      NodeRole role = master ? NodeRole.MASTER : NodeRole.AGENT;
      ClusterState cs =
          ClusterState.start(
              ClusterStateConfig.builder("vip-bench", id, role)
                  .bind("127.0.0.1", 0)
                  .seeds(master ? List.of() : List.of(nodes.get(0).address()))
                  .build());
      nodes.add(cs);
      awaitUp(nodes); // one at a time: many nodes joining at once on 2 cores do not converge
    }
  }

  private static void awaitUp(List<ClusterState> nodes) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      boolean up = true;
      for (ClusterState cs : nodes) {
        List<MemberInfo> ms = cs.members();
        up &=
            ms.size() == nodes.size()
                && ms.stream().allMatch(m -> m.status() == MemberStatus.UP && m.reachable());
      }
      if (up) {
        return;
      }
      pause(Duration.ofMillis(100));
    }
    throw new IllegalStateException(nodes.size() + " nodes not all Up within 60 s");
  }

  /** Waits (at most 60 s) until {@code observer} sees {@code count} members unreachable. */
  private static void awaitUnreachable(ClusterState observer, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (observer.members().stream().filter(m -> !m.reachable()).count() != count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(count + " members not unreachable within 60 s");
      }
      pause(Duration.ofMillis(100));
    }
  }

  private static void measure(
      List<ClusterState> nodes, int changes, int warmup, Duration gap, List<String> csv)
      throws Exception {
    int n = nodes.size();
    ClusterState agent = nodes.get(1);
    String agentIp = agent.nodeId();
    StateKey<AgentVips> bucket = L4lbKeys.bucketOf(VIP);
    VipPublisher local = new VipPublisher(agent, agentIp, Duration.ZERO);
    VipPublisher push = new VipPublisher(agent, agentIp);
    Map<Integer, long[]> arrivals = new ConcurrentHashMap<>(); // port → arrival nanos per node
    Map<Integer, CountDownLatch> done = new ConcurrentHashMap<>();
    List<Subscription> subs = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      int node = j;
      subs.add(
          nodes.get(j)
              .subscribe(
                  bucket,
                  (k, snapshot) -> {
                    long now = System.nanoTime();
                    AgentVips mine = snapshot.get(agentIp);
                    if (mine == null || mine.vips().isEmpty()) {
                      return;
                    }
                    int port = mine.vips().get(0).backends().get(0).port();
                    long[] at = arrivals.get(port);
                    if (at != null && at[node] == 0) {
                      at[node] = now;
                      done.get(port).countDown();
                    }
                  }));
    }
    List<double[]> byMode = List.of(new double[changes], new double[changes]);
    List<double[]> publishByMode = List.of(new double[changes], new double[changes]);
    int[] counts = new int[2];
    try {
      for (int c = -warmup; c < 2 * changes; c++) {
        int port = 20_000 + c + warmup;
        int mode = Math.floorMod(c, 2); // 0 local, 1 push
        arrivals.put(port, new long[n]);
        done.put(port, new CountDownLatch(n));
        Backend b = new Backend(agentIp, agentIp, port, 1);
        long t0 = System.nanoTime();
        boolean ok = (mode == 0 ? local : push).publish(Map.of(VIP, List.of(b)));
        long published = System.nanoTime();
        if (!ok || !done.get(port).await(ARRIVAL_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(
              "change " + c + " (" + (mode == 0 ? "local" : "push") + ") not on every node");
        }
        long last = 0;
        for (long at : arrivals.get(port)) {
          last = Math.max(last, at);
        }
        double lastMs = (last - t0) / 1e6;
        double publishMs = (published - t0) / 1e6;
        if (c >= 0) {
          int i = counts[mode]++;
          byMode.get(mode)[i] = lastMs;
          publishByMode.get(mode)[i] = publishMs;
          csv.add(
              String.format(
                  Locale.ROOT,
                  "%d,%d,%s,%.1f,%.1f",
                  n,
                  c,
                  mode == 0 ? "local" : "push",
                  publishMs,
                  lastMs));
        }
        pause(gap);
      }
    } finally {
      subs.forEach(Subscription::close);
    }
    for (int mode = 0; mode < 2; mode++) {
      Stats s = Stats.of(java.util.Arrays.copyOf(byMode.get(mode), counts[mode]));
      Stats p = Stats.of(java.util.Arrays.copyOf(publishByMode.get(mode), counts[mode]));
      System.out.printf(
          Locale.ROOT,
          "| %d | %s | %d | %s / %s | %s | %s | %s |%n",
          n,
          mode == 0 ? "local write (before)" : "push to every member",
          s.count(),
          Stats.ms(p.percentile(50)),
          Stats.ms(p.max()),
          Stats.ms(s.percentile(50)),
          Stats.ms(s.percentile(99)),
          Stats.ms(s.max()));
    }
  }

  /** Paces the changes (a fixed gap between them, not a wait for something). */
  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
