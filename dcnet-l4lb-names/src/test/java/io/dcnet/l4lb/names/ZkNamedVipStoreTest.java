package io.dcnet.l4lb.names;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dcnet.l4lb.model.NamedVipAddress;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against a real in-JVM ZooKeeper, plus races and a server restart. */
class ZkNamedVipStoreTest extends NamedVipStoreContract {
  private static final AtomicInteger BASES = new AtomicInteger();
  @TempDir static Path dataDir;
  private static TestingServer zk;
  private static CuratorFramework client;
  private final List<CuratorFramework> extraClients = new ArrayList<>();

  @BeforeAll
  static void startZk() throws Exception {
    zk = new TestingServer(-1, dataDir.toFile(), true);
    client = ZkTestClients.start(zk.getConnectString());
  }

  @AfterAll
  static void stopZk() throws Exception {
    client.close();
    zk.close();
  }

  @AfterEach
  void closeExtraClients() {
    extraClients.forEach(CuratorFramework::close);
  }

  /** Each test gets its own base path, so it starts empty. */
  private static String freshBase() {
    return "/t" + BASES.incrementAndGet() + "/dcnet/l4lb";
  }

  @Override
  NamedVipStore newStore(NamedVipRanges ranges) {
    return new ZkNamedVipStore(client, ranges, freshBase(), Clock.systemUTC());
  }

  @Test
  void layoutHoldsNameAndReverseIndex() throws Exception {
    String base = freshBase();
    NamedVipStore store = new ZkNamedVipStore(client, TEST_RANGES, base, Clock.systemUTC());
    NamedVipAddress a = store.allocate("foo.bar", true);
    String json =
        new String(client.getData().forPath(base + "/names/foo.bar"), StandardCharsets.UTF_8);
    assertThat(json).contains("\"ipv4\":\"11.0.0.37\"").contains("\"createdMillis\":");
    assertThat(client.getData().forPath(base + "/ipv4/11.0.0.37"))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("foo.bar");
    assertThat(client.getData().forPath(base + "/ipv6/" + a.ipv6()))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("foo.bar");
    store.release("foo.bar");
    assertThat(client.getChildren().forPath(base + "/ipv4")).isEmpty();
    assertThat(client.getChildren().forPath(base + "/ipv6")).isEmpty();
    assertThat(client.getChildren().forPath(base + "/names")).isEmpty();
  }

  @Test
  void racingAllocatorsNeverShareAnAddress() throws Exception {
    String base = freshBase();
    // all names share one start point: every allocation collides with every other one
    List<String> same = SameStartNames.find(TEST_RANGES.ipv4(), 6, -1);
    List<NamedVipStore> stores = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CuratorFramework c = ZkTestClients.start(zk.getConnectString());
      extraClients.add(c);
      stores.add(new ZkNamedVipStore(c, TEST_RANGES, base, Clock.systemUTC()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<NamedVipAddress>> results = new ArrayList<>();
      for (int i = 0; i < same.size(); i++) {
        NamedVipStore s = stores.get(i % stores.size());
        String name = same.get(i);
        results.add(pool.submit((Callable<NamedVipAddress>) () -> s.allocate(name, true)));
        // the same name from another allocator at the same time: must get the same answer
        NamedVipStore other = stores.get((i + 1) % stores.size());
        results.add(pool.submit((Callable<NamedVipAddress>) () -> other.allocate(name, true)));
      }
      Set<NamedVipAddress> distinct = new HashSet<>();
      for (Future<NamedVipAddress> f : results) {
        distinct.add(f.get(20, TimeUnit.SECONDS));
      }
      assertThat(distinct).hasSize(same.size());
      assertThat(distinct.stream().map(NamedVipAddress::ipv4).distinct()).hasSize(same.size());
      assertThat(distinct.stream().map(NamedVipAddress::ipv6).distinct()).hasSize(same.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void allocationsSurviveAZooKeeperRestart() throws Exception {
    String base = freshBase();
    NamedVipStore store = new ZkNamedVipStore(client, TEST_RANGES, base, Clock.systemUTC());
    List<String> same = SameStartNames.find(TEST_RANGES.ipv4(), 2, -1);
    NamedVipAddress first = store.allocate(same.get(0), false);
    NamedVipAddress second = store.allocate(same.get(1), false);
    zk.restart(); // same port, same data directory
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> store.find(same.get(1)).isPresent());
    assertThat(store.all().values()).containsExactlyInAnyOrder(first, second);
    assertThat(store.allocate(same.get(1), false)).isEqualTo(second);
    assertThat(new File(dataDir.toFile(), "version-2")).isDirectory();
  }

  @Test
  void racingAllocatorsAddingIpv6NeverShareAnAddress() throws Exception {
    String base = freshBase();
    NamedVipRanges ranges = NamedVipRanges.of("11.0.0.0", "11.0.0.254", "fd01:c::", "fd01:c::ff");
    // every name has the same IPv6 start point: every addition collides with every other one
    List<String> same = SameStartNames.find(ranges.ipv6(), 6, -1);
    List<NamedVipStore> stores = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CuratorFramework c = ZkTestClients.start(zk.getConnectString());
      extraClients.add(c);
      stores.add(new ZkNamedVipStore(c, ranges, base, Clock.systemUTC()));
    }
    Map<String, String> ipv4Before = new HashMap<>();
    for (String name : same) {
      ipv4Before.put(name, stores.get(0).allocate(name, false).ipv4());
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<NamedVipAddress>> results = new ArrayList<>();
      for (int i = 0; i < same.size(); i++) {
        String name = same.get(i);
        for (int k = 0; k < 2; k++) { // the same name from two allocators at once
          NamedVipStore s = stores.get((i + k) % stores.size());
          results.add(pool.submit((Callable<NamedVipAddress>) () -> s.allocate(name, true)));
        }
      }
      Set<NamedVipAddress> distinct = new HashSet<>();
      for (Future<NamedVipAddress> f : results) {
        distinct.add(f.get(20, TimeUnit.SECONDS));
      }
      assertThat(distinct).hasSize(same.size()); // both allocators got the same answer per name
      assertThat(distinct.stream().map(NamedVipAddress::ipv6).distinct()).hasSize(same.size());
      for (NamedVipAddress a : distinct) {
        assertThat(a.ipv4()).isEqualTo(ipv4Before.get(a.name()));
        assertThat(client.getData().forPath(base + "/ipv6/" + a.ipv6()))
            .asString(StandardCharsets.UTF_8)
            .isEqualTo(a.name());
      }
      assertThat(client.getChildren().forPath(base + "/ipv6")).hasSize(same.size());
      assertThat(stores.get(2).all().values()).containsExactlyInAnyOrderElementsOf(distinct);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void addedIpv6SurvivesAStoreAndZooKeeperRestart() throws Exception {
    String base = freshBase();
    MutableClock clock = new MutableClock();
    CuratorFramework c = ZkTestClients.start(zk.getConnectString());
    extraClients.add(c);
    NamedVipStore store = new ZkNamedVipStore(c, TEST_RANGES, base, clock);
    NamedVipAddress before = store.allocate("foo.bar", false);
    long created = createdMillis(c, base, "foo.bar");
    clock.advance(Duration.ofHours(1));
    NamedVipAddress added = store.allocate("foo.bar", true);
    assertThat(added.ipv4()).isEqualTo(before.ipv4());
    assertThat(added.ipv6()).isNotNull();
    c.close();
    extraClients.remove(c);

    zk.restart(); // same port, same data directory
    CuratorFramework again = ZkTestClients.start(zk.getConnectString());
    extraClients.add(again);
    NamedVipStore restarted = new ZkNamedVipStore(again, TEST_RANGES, base, Clock.systemUTC());
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> restarted.find("foo.bar").isPresent());
    assertThat(restarted.find("foo.bar")).contains(added);
    assertThat(restarted.allocate("foo.bar", true)).isEqualTo(added);
    // createdMillis is the first allocation's, not the time IPv6 was added
    assertThat(createdMillis(again, base, "foo.bar")).isEqualTo(created);
    assertThat(again.getData().forPath(base + "/ipv6/" + added.ipv6()))
        .asString(UTF_8)
        .isEqualTo("foo.bar");
  }

  private static long createdMillis(CuratorFramework c, String base, String name) throws Exception {
    return new ObjectMapper()
        .readTree(c.getData().forPath(base + "/names/" + name))
        .get("createdMillis")
        .asLong();
  }
}
