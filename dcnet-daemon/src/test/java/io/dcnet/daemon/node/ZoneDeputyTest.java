package io.dcnet.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.core.net.HostPort;
import io.dcnet.core.time.ManualClock;
import io.dcnet.state.ClusterState;
import io.dcnet.state.ClusterStateConfig;
import io.dcnet.state.MemberStatus;
import io.dcnet.state.NodeRole;
import io.dcnet.state.StateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The deputy zone publisher on a real cluster state: while the leading Mesos master's dcnet is
 * gone, the lowest live master publishes (after the hold, on m2's manual clock), and hands back
 * when that dcnet returns. The grace timer is a list of tasks the test runs.
 */
class ZoneDeputyTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration HOLD = Duration.ofSeconds(5);
  private static final String LEADER = "master@10.0.0.1:5050";
  private static final DnsZone ZONE = zone("10.0.0.9");
  private static final StateKey<PublishedZone> KEY = LeaderZonePublisher.key(ZONE.name());

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final List<Runnable> afterGrace = new CopyOnWriteArrayList<>();
  private final AtomicBoolean streaming = new AtomicBoolean(true);

  private static DnsZone zone(String ip) {
    return new DnsZone(
        "dcos.thisdcos.directory",
        Map.of("x.dcos.thisdcos.directory", List.of(new ZoneRecord.A(ip))));
  }

  private ClusterState node(String id, List<String> seeds) {
    ClusterState cs =
        ClusterState.start(
            ClusterStateConfig.builder("zone-deputy-test", id, NodeRole.MASTER)
                .bind("127.0.0.1", 0)
                .seeds(seeds)
                .heartbeatPause(Duration.ofMillis(1500))
                // a stopped node is unreachable after ~2 s and removed 2 s later
                .unreachableRemoval(Duration.ofSeconds(2))
                .build());
    opened.add(cs);
    return cs;
  }

  private LeaderZonePublisher publisher(ClusterState s, String ownIp, Clock clock) {
    return publisher(s, ownIp, clock, streaming, () -> false);
  }

  private LeaderZonePublisher publisher(
      ClusterState s, String ownIp, Clock clock, AtomicBoolean streams) {
    return publisher(s, ownIp, clock, streams, () -> false);
  }

  /** {@code ownStream}: whether the stream comes straight from the own master (no 307). */
  private LeaderZonePublisher publisher(
      ClusterState s,
      String ownHost,
      Clock clock,
      AtomicBoolean streams,
      BooleanSupplier ownStream) {
    LeaderZonePublisher p =
        new LeaderZonePublisher(s, new HostPort(ownHost, 5050), clock, afterGrace::add, HOLD);
    opened.add(0, p);
    p.start(streams::get, ownStream);
    return p;
  }

  private static void awaitUp(ClusterState s, int members) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                s.members().size() == members
                    && s.members().stream().allMatch(m -> m.status() == MemberStatus.UP));
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  @Test
  void aDeputyPublishesWhileTheLeadersDcnetIsGoneAndHandsBackWhenItReturns() {
    ClusterState s1 = node("m1", List.of());
    ClusterState s2 = node("m2", List.of(s1.address()));
    awaitUp(s1, 2);
    // m2's clock runs a minute ahead: its entry stays newer than the returning m1's, so only "m1
    // wrote after m2's last write" can get it withdrawn (ZoneWithdrawals)
    ManualClock clock2 = new ManualClock(Instant.now().plus(Duration.ofMinutes(1)));
    LeaderZonePublisher p1 = publisher(s1, "10.0.0.1", Clock.systemUTC());
    LeaderZonePublisher p2 = publisher(s2, "10.0.0.2", clock2);
    await().atMost(WAIT).until(() -> s2.get(ZoneDeputyTracker.SEATS).size() == 2);
    p1.publish(ZONE);
    p2.publish(ZONE);
    p1.setLeader(LEADER);
    p2.setLeader(LEADER);
    await().atMost(WAIT).until(() -> s2.get(KEY).containsKey("m1"));
    long firstM1Stamp = s2.get(KEY).get("m1").publishedAtMillis();
    p2.recheck();
    assertThat(p1.publishing()).isTrue();
    assertThat(p2.publishing()).isFalse();

    // m1's dcnet stops; Mesos still says 10.0.0.1 leads
    p1.close();
    s1.close();
    await()
        .atMost(WAIT)
        .until(
            () -> s2.members().stream().noneMatch(m -> m.nodeId().equals("m1") && m.reachable()));
    p2.recheck();
    assertThat(p2.publishing()).as("within the hold").isFalse();
    clock2.advance(HOLD);
    streaming.set(false);
    p2.recheck();
    assertThat(p2.publishing()).as("without a live Mesos stream").isFalse();
    streaming.set(true);
    p2.recheck();
    clock2.advance(HOLD);
    p2.recheck();
    assertThat(p2.publishing()).isTrue();
    assertThat(s2.get(KEY)).containsKeys("m1", "m2");
    p2.publish(zone("10.0.0.8"));
    assertThat(s2.get(KEY).get("m2").toZone()).isEqualTo(zone("10.0.0.8"));

    // m1's dcnet comes back and publishes as the leader's own; m2 stands down and withdraws
    ClusterState s1b = node("m1", List.of(s2.address()));
    awaitUp(s2, 2);
    LeaderZonePublisher p1b = publisher(s1b, "10.0.0.1", Clock.systemUTC());
    p1b.publish(zone("10.0.0.8"));
    p1b.setLeader(LEADER);
    assertThat(p1b.publishing()).isTrue();
    // m2 has m1's new entry before it stands down (the usual order: the entry gossips with the
    // join)
    await().atMost(WAIT).until(() -> s2.get(KEY).get("m1").publishedAtMillis() > firstM1Stamp);
    assertThat(s2.get(KEY).get("m2").publishedAtMillis())
        .isGreaterThan(s2.get(KEY).get("m1").publishedAtMillis());
    await()
        .atMost(WAIT)
        .until(
            () -> {
              p2.recheck();
              return !p2.publishing() && afterGrace.size() == 1;
            });
    assertThat(s2.get(KEY)).containsKeys("m1", "m2");
    afterGrace.get(0).run();
    await().atMost(WAIT).until(() -> !s1b.get(KEY).containsKey("m2"));
    assertThat(s2.get(KEY)).containsOnlyKeys("m1");
  }

  @Test
  void aLeaderWhoseMesosStreamIsDownGivesWayToADeputyUntilItIsBack() {
    ClusterState s1 = node("m1", List.of());
    ClusterState s2 = node("m2", List.of(s1.address()));
    awaitUp(s1, 2);
    AtomicBoolean m1Streams = new AtomicBoolean(true);
    ManualClock clock2 = new ManualClock(Instant.now());
    LeaderZonePublisher p1 = publisher(s1, "10.0.0.1", Clock.systemUTC(), m1Streams);
    LeaderZonePublisher p2 = publisher(s2, "10.0.0.2", clock2);
    p1.setLeader(LEADER);
    p2.setLeader(LEADER);
    await().atMost(WAIT).until(() -> s2.get(ZoneDeputyTracker.SEATS).size() == 2);

    m1Streams.set(false);
    p1.recheck();
    await().atMost(WAIT).until(() -> s2.get(ZoneDeputyTracker.SEATS).keySet().equals(Set.of("m2")));
    p2.recheck();
    clock2.advance(HOLD);
    p2.recheck();
    assertThat(p2.publishing()).isTrue();
    assertThat(p2.deputy()).isTrue();

    m1Streams.set(true);
    p1.recheck();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              p2.recheck();
              return !p2.publishing();
            });
    assertThat(p1.publishing()).isTrue();
  }

  @Test
  void aStartingMasterWithdrawsTheEntryItsEarlierRunLeftOnceANewerOneIsThere() {
    ClusterState s1 = node("m1", List.of());
    ClusterState s2 = node("m2", List.of(s1.address()));
    awaitUp(s1, 2);
    s2.put(KEY, PublishedZone.of(ZONE, 1)).toCompletableFuture().join(); // the earlier run's
    LeaderZonePublisher p1 = publisher(s1, "10.0.0.1", Clock.systemUTC());
    p1.publish(ZONE);
    p1.setLeader(LEADER);
    await().atMost(WAIT).until(() -> s2.get(KEY).keySet().equals(Set.of("m1", "m2")));

    LeaderZonePublisher p2 = publisher(s2, "10.0.0.2", Clock.systemUTC());
    p2.setLeader(LEADER);
    p2.publish(ZONE);
    await().atMost(WAIT).until(() -> afterGrace.size() == 1);
    afterGrace.get(0).run();
    await().atMost(WAIT).until(() -> s1.get(KEY).keySet().equals(Set.of("m1")));
    assertThat(p2.publishing()).isFalse();
  }

  @Test
  void aMesosUrlUnderAnotherNameLeadsWhenItServesTheStreamItself() {
    ClusterState s1 = node("m1", List.of());
    ClusterState s2 = node("m2", List.of(s1.address()));
    awaitUp(s1, 2);
    // m1 names its Mesos master by host name; m2's is another master, reached through a 307
    LeaderZonePublisher p1 =
        publisher(s1, "master-1.example", Clock.systemUTC(), streaming, () -> true);
    LeaderZonePublisher p2 = publisher(s2, "10.0.0.2", Clock.systemUTC());
    p1.setLeader(LEADER);
    p2.setLeader(LEADER);
    p1.publish(ZONE);
    assertThat(p1.publishing()).isTrue();
    assertThat(p1.deputy()).isFalse();
    // the others find m1 under the name Mesos gives the leader, so m2 never becomes the deputy
    await()
        .atMost(WAIT)
        .until(
            () ->
                s2.get(ZoneDeputyTracker.SEATS)
                    .equals(Map.of("m1", "10.0.0.1:5050", "m2", "10.0.0.2:5050")));
    await().atMost(WAIT).until(() -> s2.get(KEY).keySet().equals(Set.of("m1")));
    assertThat(p2.publishing()).isFalse();
  }

  @Test
  void mastersThatAllReachTheLeaderStraightAllPublishAndAreWarnedAbout() {
    Logger log = (Logger) LoggerFactory.getLogger(ZoneDeputyTracker.class);
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    log.addAppender(warnings);
    opened.add(() -> log.detachAppender(warnings));
    ClusterState s1 = node("m1", List.of());
    ClusterState s2 = node("m2", List.of(s1.address()));
    awaitUp(s1, 2);
    // mesos_url = leader.mesos on both: the leader serves both streams itself
    LeaderZonePublisher p1 =
        publisher(s1, "leader.mesos", Clock.systemUTC(), streaming, () -> true);
    LeaderZonePublisher p2 =
        publisher(s2, "leader.mesos", Clock.systemUTC(), streaming, () -> true);
    p1.setLeader(LEADER);
    p2.setLeader(LEADER);
    await()
        .atMost(WAIT)
        .until(
            () -> {
              p1.recheck();
              return warnings.list.stream()
                  .anyMatch(
                      e ->
                          e.getLevel() == Level.WARN
                              && e.getFormattedMessage().startsWith("masters [m2] also reach")
                              && e.getFormattedMessage().contains("10.0.0.1:5050"));
            });
    assertThat(p1.publishing() && p2.publishing()).isTrue();
  }
}
