package io.dcnet.daemon.node;

import static org.awaitility.Awaitility.await;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.state.ClusterState;
import io.dcnet.state.ClusterStateConfig;
import io.dcnet.state.NodeRole;
import io.dcnet.state.StateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a node's DNS reads from the zone keys of a real (one-node) cluster state. */
class ReplicatedZonesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String NAME = "dcos.thisdcos.directory";
  private static final StateKey<PublishedZone> KEY = LeaderZonePublisher.key(NAME);

  private ClusterState state;
  private ReplicatedZones zones;

  private static DnsZone zone(String ip) {
    return new DnsZone(NAME, Map.of("x.dcos.thisdcos.directory", List.of(new ZoneRecord.A(ip))));
  }

  @BeforeEach
  void start() {
    state =
        ClusterState.start(
            ClusterStateConfig.builder("replicated-zones-test", "m1", NodeRole.MASTER)
                .bind("127.0.0.1", 0)
                .build());
    await().atMost(Duration.ofSeconds(30)).until(state::isUp);
    zones = new ReplicatedZones(state, List.of(NAME));
  }

  @AfterEach
  void stop() {
    zones.close();
    state.close();
  }

  @Test
  void theNewestEntryWinsAndAKeyWithoutEntriesKeepsTheLastRecords() {
    state.put(KEY, "m1", PublishedZone.of(zone("10.0.0.1"), 100)).toCompletableFuture().join();
    state.put(KEY, "m2", PublishedZone.of(zone("10.0.0.2"), 200)).toCompletableFuture().join();
    await().atMost(WAIT).until(() -> zone("10.0.0.2").equals(zones.get().get(NAME)));

    // the newest is withdrawn: the older one is what is left
    state.remove(KEY, "m2").toCompletableFuture().join();
    await().atMost(WAIT).until(() -> zone("10.0.0.1").equals(zones.get().get(NAME)));

    // the last one goes before its successor arrived: the records stay
    state.remove(KEY, "m1").toCompletableFuture().join();
    await().atMost(WAIT).until(() -> state.get(KEY).isEmpty());
    await()
        .during(Duration.ofMillis(500))
        .atMost(WAIT)
        .until(() -> zone("10.0.0.1").equals(zones.get().get(NAME)));

    state.put(KEY, "m3", PublishedZone.of(zone("10.0.0.3"), 300)).toCompletableFuture().join();
    await().atMost(WAIT).until(() -> zone("10.0.0.3").equals(zones.get().get(NAME)));
  }
}
