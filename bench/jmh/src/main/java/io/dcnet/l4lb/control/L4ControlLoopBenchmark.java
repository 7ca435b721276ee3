package io.dcnet.l4lb.control;

import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.model.AgentVips;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipBackends;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.l4lb.nft.NftRenderer;
import io.dcnet.l4lb.nft.NftUpdateRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Java side of one L4 sync on a loaded cluster, without the kernel: {@code VIPS} IP VIPs with
 * {@code BACKENDS} backends each, spread over {@code AGENTS} agents, and one backend changed. The
 * steps a sync runs, each on its own: {@code build} (the snapshot from every agent's bucket field,
 * {@link L4SnapshotBuilder}), {@code unchangedEquals} (the "nothing new" test against the last
 * applied snapshot), {@code changelog} ({@link SnapshotDiff#changes}, the INFO lines),
 * {@code updateScript} ({@link NftUpdateRenderer}, what an incremental nft sync sends) and, as the
 * side-by-side peer, {@code fullScript} ({@link NftRenderer}, what a replace of the whole table
 * sends).
 *
 * <p>{@code incrementalBuild} is what the controller runs instead of {@code build}: {@link
 * IncrementalBuilder} with one bucket changed per call (it flips between the bucket with and without
 * the change), so it rebuilds one of the 16 buckets and merges. (In package {@code
 * io.dcnet.l4lb.control} to reach the package-private builder.)
 *
 * <p>Not thread-safe; one state per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class L4ControlLoopBenchmark {
  @Param({"300"})
  public int agents;

  @Param({"10000"})
  public int vips;

  @Param({"5"})
  public int backends;

  private L4BuildInput input;
  private final IncrementalBuilder incremental = new IncrementalBuilder();
  private TreeMap<String, Map<String, AgentVips>> bucketsBefore;
  private TreeMap<String, Map<String, AgentVips>> bucketsAfter;
  private boolean flip;
  private L4Snapshot before;
  private L4Snapshot beforeCopy;
  private L4Snapshot after;

  @Setup
  public void setUp() {
    input = input(-1);
    before = L4SnapshotBuilder.build(input).snapshot();
    beforeCopy = L4SnapshotBuilder.build(input(-1)).snapshot();
    after = L4SnapshotBuilder.build(input(0)).snapshot();
    if (before.serviceCount() != vips || before.destinationCount() != vips * backends) {
      throw new IllegalStateException(
          "built " + before.serviceCount() + " services, " + before.destinationCount() + " dests");
    }
    if (before.equals(after) || !before.equals(beforeCopy)) {
      throw new IllegalStateException("the one change did not change the snapshot");
    }
    bucketsBefore = buckets(input);
    bucketsAfter = buckets(input(0));
    // unchanged buckets are the same objects in both, as state deliveries leave them
    bucketsAfter.replaceAll(
        (k, v) -> v.equals(bucketsBefore.get(k)) ? bucketsBefore.get(k) : v);
    L4Build first = incrementalBuild();
    L4Build second = incrementalBuild();
    if (!first.snapshot().equals(after) || !second.snapshot().equals(before)) {
      throw new IllegalStateException("the incremental build differs from the full one");
    }
  }

  /** The agents' fields by bucket, as the controller holds them. */
  private static TreeMap<String, Map<String, AgentVips>> buckets(L4BuildInput in) {
    TreeMap<String, Map<String, AgentVips>> out = new TreeMap<>();
    for (OwnedAgentVips owned : in.agents()) {
      Map<String, List<VipBackends>> byBucket = new HashMap<>();
      for (VipBackends vb : owned.vips().vips()) {
        byBucket.computeIfAbsent(L4lbKeys.bucketOf(vb.vip()).name(), k -> new ArrayList<>()).add(vb);
      }
      byBucket.forEach(
          (bucket, vbs) ->
              out.computeIfAbsent(bucket, k -> new HashMap<>())
                  .put(owned.nodeId(), new AgentVips(owned.vips().agentIp(), vbs)));
    }
    return out;
  }

  /** The cluster's bucket fields; {@code drainVip} >= 0 gives that VIP's first backend weight 0. */
  private L4BuildInput input(int drainVip) {
    List<List<VipBackends>> perAgent = new ArrayList<>();
    for (int a = 0; a < agents; a++) {
      perAgent.add(new ArrayList<>());
    }
    for (int v = 0; v < vips; v++) {
      VipId vip = new VipId(Protocol.TCP, "11." + (v >> 16) + "." + ((v >> 8) & 255) + "." + (v & 255), 80);
      for (int b = 0; b < backends; b++) {
        int agent = (v * backends + b) % agents;
        int weight = v == drainVip && b == 0 ? 0 : 1;
        Backend backend = new Backend(agentIp(agent), agentIp(agent), 10_000 + v % 50_000, weight);
        perAgent.get(agent).add(new VipBackends(vip, List.of(backend)));
      }
    }
    List<OwnedAgentVips> owned = new ArrayList<>();
    for (int a = 0; a < agents; a++) {
      owned.add(new OwnedAgentVips("agent-" + a, new AgentVips(agentIp(a), perAgent.get(a))));
    }
    return L4BuildInput.of(owned, Map.of(), Set.of(), true);
  }

  private static String agentIp(int a) {
    return "10.0." + (a >> 8) + "." + (a & 255);
  }

  @Benchmark
  public L4Build build() {
    return L4SnapshotBuilder.build(input);
  }

  @Benchmark
  public L4Build incrementalBuild() {
    flip = !flip;
    return incremental.build(
        flip ? bucketsAfter : bucketsBefore, Map.of(), Set.of(), true, null, null);
  }

  @Benchmark
  public boolean unchangedEquals() {
    return before.equals(beforeCopy);
  }

  @Benchmark
  public List<String> changelog() {
    return SnapshotDiff.changes(before, after, 50);
  }

  @Benchmark
  public String updateScript() {
    return NftUpdateRenderer.render(before, after, "dcnet-l4lb");
  }

  @Benchmark
  public String fullScript() {
    return NftRenderer.render(after, "dcnet-l4lb");
  }
}
