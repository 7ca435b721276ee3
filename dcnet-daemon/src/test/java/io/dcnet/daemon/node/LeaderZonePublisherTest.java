package io.dcnet.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.core.net.HostPort;
import io.dcnet.state.ClusterState;
import io.dcnet.state.ClusterStateConfig;
import io.dcnet.state.MemberStatus;
import io.dcnet.state.NodeRole;
import io.dcnet.state.StateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Mesos leader change between two masters' publishers on a real two-node cluster state: the old
 * leader's entry stays until the grace has passed after the new leader's entry arrived (the grace
 * timer is a list of tasks the test runs).
 */
class LeaderZonePublisherTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration HOLD = Duration.ofSeconds(5);
  private static final DnsZone ZONE =
      new DnsZone(
          "dcos.thisdcos.directory",
          Map.of("x.dcos.thisdcos.directory", List.of(new ZoneRecord.A("10.0.0.9"))));
  private static final StateKey<PublishedZone> KEY = LeaderZonePublisher.key(ZONE.name());

  private final List<ClusterState> nodes = new ArrayList<>();
  private final List<Runnable> afterGrace = new CopyOnWriteArrayList<>();
  private ClusterState s1;
  private ClusterState s2;
  private LeaderZonePublisher p1;
  private LeaderZonePublisher p2;

  private ClusterState start(String id, NodeRole role, List<String> seeds) {
    ClusterState cs =
        ClusterState.start(
            ClusterStateConfig.builder("zone-publisher-test", id, role)
                .bind("127.0.0.1", 0)
                .seeds(seeds)
                // a stopped node is removed after 2 s (the orphan test)
                .unreachableRemoval(Duration.ofSeconds(2))
                .heartbeatPause(Duration.ofMillis(1500))
                .build());
    nodes.add(cs);
    return cs;
  }

  @BeforeEach
  void twoMasters() {
    s1 = start("m1", NodeRole.MASTER, List.of());
    s2 = start("m2", NodeRole.MASTER, List.of(s1.address()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                s1.members().size() == 2
                    && s1.members().stream().allMatch(m -> m.status() == MemberStatus.UP));
    p1 =
        new LeaderZonePublisher(
            s1, new HostPort("10.0.0.1", 5050), Clock.systemUTC(), afterGrace::add, HOLD);
    p2 =
        new LeaderZonePublisher(
            s2, new HostPort("10.0.0.2", 5050), Clock.systemUTC(), afterGrace::add, HOLD);
    p1.publish(ZONE);
    p2.publish(ZONE);
    p1.setLeading(true);
    await().atMost(WAIT).until(() -> s2.get(KEY).containsKey("m1"));
  }

  @AfterEach
  void stop() {
    p1.close();
    p2.close();
    nodes.forEach(ClusterState::close);
  }

  /** Moves the lead from m1 to m2 and waits until m1 has scheduled its withdrawal. */
  private void moveLeadToM2() {
    p1.setLeading(false);
    p2.setLeading(true);
    await().atMost(WAIT).until(() -> s1.get(KEY).containsKey("m2") && afterGrace.size() == 1);
  }

  @Test
  void theOldLeadersEntryStaysUntilTheGraceHasPassed() {
    moveLeadToM2();
    assertThat(s1.get(KEY)).containsKeys("m1", "m2");
    assertThat(s2.get(KEY)).containsKey("m1");

    afterGrace.get(0).run();
    await().atMost(WAIT).until(() -> !s2.get(KEY).containsKey("m1"));
    assertThat(s1.get(KEY)).containsOnlyKeys("m2");
  }

  @Test
  void anOldLeaderWithdrawsEvenWhenTheNewLeadersClockRunsBehind() {
    p2.close();
    p2 =
        new LeaderZonePublisher(
            s2,
            new HostPort("10.0.0.2", 5050),
            Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1)),
            afterGrace::add,
            HOLD);
    p2.publish(ZONE);
    moveLeadToM2(); // waits until m1 scheduled its withdrawal
    assertThat(s1.get(KEY).get("m2").publishedAtMillis())
        .isLessThan(s1.get(KEY).get("m1").publishedAtMillis());

    afterGrace.get(0).run();
    await().atMost(WAIT).until(() -> !s2.get(KEY).containsKey("m1"));
    assertThat(s1.get(KEY)).containsOnlyKeys("m2");
  }

  @Test
  void aWithdrawalThatComesDueAfterLeadingAgainRemovesNothing() {
    moveLeadToM2();
    p2.setLeading(false);
    p1.setLeading(true); // a fresh entry, newer than m2's
    long fresh = s1.get(KEY).get("m1").publishedAtMillis();
    p1.setLeading(false); // m2's entry is older: nothing new to withdraw for

    afterGrace.get(0).run(); // the old withdrawal, stamped with the first entry
    assertThat(s1.get(KEY)).containsKey("m1");
    assertThat(s1.get(KEY).get("m1").publishedAtMillis()).isEqualTo(fresh);
  }

  @Test
  void theEntryOfAPublisherThatLeftStaysUntilTheNextPublisherClearsItUp() {
    moveLeadToM2();
    afterGrace.get(0).run();
    await().atMost(WAIT).until(() -> !s1.get(KEY).containsKey("m1"));
    // an older entry of a node that then leaves the cluster for good
    ClusterState gone = start("a3", NodeRole.AGENT, List.of(s1.address()));
    gone.put(KEY, PublishedZone.of(ZONE, 1)).toCompletableFuture().join();
    await().atMost(WAIT).until(() -> s1.get(KEY).containsKey("a3"));
    gone.close();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> s1.members().stream().noneMatch(m -> m.nodeId().equals("a3")));
    assertThat(s1.get(KEY)).containsKey("a3"); // not purged with the node

    p2.publish(
        new DnsZone(
            ZONE.name(),
            Map.of("y.dcos.thisdcos.directory", List.of(new ZoneRecord.A("10.0.0.8")))));
    await().atMost(WAIT).until(() -> !s1.get(KEY).containsKey("a3"));
    assertThat(s1.get(KEY)).containsOnlyKeys("m2");
  }
}
