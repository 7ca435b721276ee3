package io.dcnet.l4lb.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.model.AgentVips;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipBackends;
import io.dcnet.l4lb.model.VipId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random changes to random buckets: the incremental build always equals the full build over every
 * bucket (snapshot, VIP map and counts), and rebuilds only the buckets that changed.
 */
class IncrementalBuilderTest {
  private static final int STEPS = 300;
  private static final int AGENTS = 6;
  private static final List<VipId> VIPS = new ArrayList<>();
  private static final VipId IP_TWIN = new VipId(Protocol.TCP, "11.9.0.1", 8080);

  /** The first named VIP whose bucket is not {@link #IP_TWIN}'s; the names give it 11.9.0.1. */
  private static final int TWIN = twin();

  static {
    for (int i = 0; i < 12; i++) {
      VIPS.add(new VipId(Protocol.TCP, "11.0.0." + (i + 1), 80));
      VIPS.add(new VipId(i % 2 == 0 ? Protocol.UDP : Protocol.TCP, "fd01:c::" + (i + 1), 53));
      VIPS.add(new VipId(Protocol.TCP, "app-" + i + ".marathon", 8080));
    }
    // an IP VIP on the address the names give one named VIP of another bucket: the same service
    // from two buckets
    VIPS.add(IP_TWIN);
  }

  private static int twin() {
    for (int i = 0; i < 6; i++) {
      VipId named = new VipId(Protocol.TCP, "app-" + i + ".marathon", 8080);
      if (!L4lbKeys.bucketOf(named).equals(L4lbKeys.bucketOf(IP_TWIN))) {
        return i;
      }
    }
    throw new IllegalStateException("no named VIP in another bucket");
  }

  /** agent index → VIP → its backends on that agent. */
  private final List<Map<VipId, List<Backend>>> published = new ArrayList<>();

  private final Random random = new Random(11);
  private final IncrementalBuilder incremental = new IncrementalBuilder();
  private final TreeMap<String, Map<String, AgentVips>> buckets = new TreeMap<>();

  @Test
  void equalsTheFullBuildAfterEveryChangeAndRebuildsOnlyChangedBuckets() {
    for (int a = 0; a < AGENTS; a++) {
      published.add(new HashMap<>());
    }
    Map<String, NamedVipAddress> names = names(false);
    Set<String> unreachable = Set.of();
    for (int step = 0; step < STEPS; step++) {
      long builtBefore = incremental.partsBuilt();
      boolean inputsChanged = false;
      Set<String> changedBuckets = new HashSet<>();
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes; c++) {
        changedBuckets.add(change());
      }
      for (String bucket : changedBuckets) {
        buckets.put(bucket, fieldsOf(bucket)); // a new map object, as a state delivery gives
      }
      if (random.nextInt(10) == 0) {
        names = names(random.nextBoolean());
        inputsChanged = true;
      }
      if (random.nextInt(10) == 0) {
        unreachable = random.nextBoolean() ? Set.of() : Set.of(agentIp(random.nextInt(AGENTS)));
        inputsChanged = true;
      }
      boolean ipv6 = step % 50 < 45;

      L4Build got =
          incremental.build(
              buckets, names, unreachable, ipv6, agentIp(0), d -> d.withWeight(d.weight()));
      List<OwnedAgentVips> all = new ArrayList<>();
      buckets.values().forEach(f -> f.forEach((id, v) -> all.add(new OwnedAgentVips(id, v))));
      L4Build want =
          L4SnapshotBuilder.build(
              new L4BuildInput(all, names, unreachable, ipv6, agentIp(0), null));

      assertThat(got.snapshot()).as("step %d snapshot", step).isEqualTo(want.snapshot());
      assertThat(got.vips()).as("step %d vips", step).isEqualTo(want.vips());
      assertThat(got.stats()).as("step %d stats", step).isEqualTo(want.stats());
      if (!inputsChanged && step % 50 != 0 && step % 50 != 45) {
        assertThat(incremental.partsBuilt() - builtBefore)
            .as("step %d: only the changed buckets are rebuilt", step)
            .isLessThanOrEqualTo(changedBuckets.size());
      }
    }
    assertThat(incremental.fallbacks())
        .as("the overlapping-service fallback was exercised")
        .isPositive();
  }

  /** One random change of one agent's backends of one VIP; returns the VIP's bucket. */
  private String change() {
    int agent = random.nextInt(AGENTS);
    VipId vip = VIPS.get(random.nextInt(VIPS.size()));
    Map<VipId, List<Backend>> mine = published.get(agent);
    if (random.nextInt(4) == 0) {
      mine.remove(vip);
    } else {
      List<Backend> backends = new ArrayList<>();
      int n = random.nextInt(3);
      for (int i = 0; i < n; i++) {
        boolean v6 = random.nextInt(4) == 0;
        String ip = v6 ? "fd00:9::" + (agent + 1) : agentIp(agent);
        backends.add(new Backend(agentIp(agent), ip, 31000 + random.nextInt(4), random.nextInt(3)));
      }
      mine.put(vip, backends);
    }
    return L4lbKeys.bucketOf(vip).name();
  }

  /** Every agent's field of one bucket. */
  private Map<String, AgentVips> fieldsOf(String bucket) {
    Map<String, AgentVips> fields = new HashMap<>();
    for (int a = 0; a < AGENTS; a++) {
      List<VipBackends> vbs = new ArrayList<>();
      for (Map.Entry<VipId, List<Backend>> e : published.get(a).entrySet()) {
        if (L4lbKeys.bucketOf(e.getKey()).name().equals(bucket)) {
          vbs.add(new VipBackends(e.getKey(), e.getValue()));
        }
      }
      if (!vbs.isEmpty()) {
        fields.put("agent-" + a, new AgentVips(agentIp(a), vbs));
      }
    }
    return fields;
  }

  private static Map<String, NamedVipAddress> names(boolean fewer) {
    Map<String, NamedVipAddress> m = new HashMap<>();
    for (int i = 0; i < (fewer ? 6 : 12); i++) {
      String name = "app-" + i + ".marathon";
      String ipv4 = i == TWIN ? "11.9.0.1" : "11.8.0." + (i + 1);
      m.put(name, new NamedVipAddress(name, ipv4, i % 3 == 0 ? null : "fd01:c::8:" + (i + 1)));
    }
    return m;
  }

  private static String agentIp(int a) {
    return "10.0.0." + (a + 1);
  }
}
