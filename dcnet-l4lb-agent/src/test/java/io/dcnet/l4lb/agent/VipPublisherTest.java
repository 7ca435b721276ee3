package io.dcnet.l4lb.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dcnet.l4lb.model.AgentVips;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipBackends;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.state.ClusterState;
import io.dcnet.state.ClusterStateConfig;
import io.dcnet.state.MemberStatus;
import io.dcnet.state.NodeRole;
import io.dcnet.state.StateEntry;
import io.dcnet.state.StateKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class VipPublisherTest {
  private static final String AGENT_IP = "10.0.0.1";
  private static final VipId NAMED = new VipId(Protocol.TCP, "web.marathon", 80);
  private static final Backend B1 = new Backend(AGENT_IP, "9.0.0.1", 8080, 1);
  private static final Backend B2 = new Backend(AGENT_IP, "9.0.0.2", 8080, 1);
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final List<ClusterState> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    nodes.forEach(ClusterState::close);
  }

  private ClusterState start(String nodeId, NodeRole role, List<String> seeds, Path durable) {
    ClusterState cs =
        ClusterState.start(
            ClusterStateConfig.builder("l4lb-agent-test", nodeId, role)
                .bind("127.0.0.1", 0)
                .seeds(seeds)
                .durableDir(durable)
                .build());
    nodes.add(cs);
    return cs;
  }

  /** An IP VIP in another bucket than {@link #NAMED}. */
  private static VipId otherBucketVip() {
    for (int i = 1; i < 200; i++) {
      VipId v = new VipId(Protocol.UDP, "11.0.0." + i, 53);
      if (!L4lbKeys.bucketOf(v).equals(L4lbKeys.bucketOf(NAMED))) {
        return v;
      }
    }
    throw new AssertionError("no VIP in another bucket");
  }

  private static Map<String, StateEntry<AgentVips>> entries(ClusterState cs, VipId vip) {
    return cs.entries(L4lbKeys.bucketOf(vip));
  }

  private static void awaitAllUp(ClusterState... all) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                List.of(all).stream()
                    .allMatch(
                        n ->
                            n.members().size() == all.length
                                && n.members().stream()
                                    .allMatch(m -> m.status() == MemberStatus.UP)));
  }

  @Test
  void aChangeIsPushedToEveryMember() {
    ClusterState master = start("m1", NodeRole.MASTER, List.of(), null);
    ClusterState agent = start("a1", NodeRole.AGENT, List.of(master.address()), null);
    ClusterState other = start("a2", NodeRole.AGENT, List.of(master.address()), null);
    awaitAllUp(master, agent, other);
    StateKey<AgentVips> bucket = L4lbKeys.bucketOf(NAMED);
    VipPublisher publisher = new VipPublisher(agent, AGENT_IP);
    AgentVips one = new AgentVips(AGENT_IP, List.of(new VipBackends(NAMED, List.of(B1))));

    assertThat(publisher.publish(Map.of(NAMED, List.of(B1)))).isTrue();
    assertThat(agent.get(bucket)).containsEntry("a1", one); // queued before any later read
    await().atMost(WAIT).until(() -> one.equals(master.get(bucket).get("a1")));
    await().atMost(WAIT).until(() -> one.equals(other.get(bucket).get("a1")));
    Backend drained = new Backend(AGENT_IP, "9.0.0.1", 8080, 0);
    assertThat(publisher.publish(Map.of(NAMED, List.of(drained)))).isTrue();
    await()
        .atMost(WAIT)
        .until(() -> other.get(bucket).get("a1").vips().get(0).backends().equals(List.of(drained)));
    assertThat(publisher.publish(Map.of())).isTrue();
    assertThat(agent.get(bucket)).doesNotContainKey("a1");
    await().atMost(WAIT).until(() -> !master.get(bucket).containsKey("a1"));
    await().atMost(WAIT).until(() -> !other.get(bucket).containsKey("a1"));
  }

  @Test
  void aMemberThatIsDownDoesNotHoldUpPublish() {
    ClusterState master = start("m1", NodeRole.MASTER, List.of(), null);
    ClusterState agent = start("a1", NodeRole.AGENT, List.of(master.address()), null);
    ClusterState gone = start("a2", NodeRole.AGENT, List.of(master.address()), null);
    awaitAllUp(master, agent, gone);
    gone.close(); // no leave: a member, unreachable, until the masters remove it (3 min)
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> agent.members().stream().anyMatch(m -> !m.reachable()));
    // the longest push timeout allowed; waiting for the answers would take all of it
    VipPublisher publisher = new VipPublisher(agent, AGENT_IP, Duration.ofMillis(4_900));
    for (int port = 8081; port <= 8083; port++) {
      Backend b = new Backend(AGENT_IP, "9.0.0.1", port, 1);
      assertTimeoutPreemptively(
          Duration.ofSeconds(3),
          () -> assertThat(publisher.publish(Map.of(NAMED, List.of(b)))).isTrue());
      AgentVips want = new AgentVips(AGENT_IP, List.of(new VipBackends(NAMED, List.of(b))));
      await().atMost(WAIT).until(() -> want.equals(master.get(L4lbKeys.bucketOf(NAMED)).get("a1")));
    }
  }

  @Test
  void rejectsAPushTimeoutOutsideItsRange() {
    ClusterState master = start("m1", NodeRole.MASTER, List.of(), null);
    assertThatThrownBy(() -> new VipPublisher(master, AGENT_IP, Duration.ofMillis(-1)))
        .hasMessageContaining("pushTimeout: PT-0.001S (expected: 0 to 5 s)");
    assertThatThrownBy(() -> new VipPublisher(master, AGENT_IP, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publishesOnlyOwnBackendsWritesOnChangesAndRemovesEmptyBuckets() {
    ClusterState master = start("m1", NodeRole.MASTER, List.of(), null);
    ClusterState agent = start("a1", NodeRole.AGENT, List.of(master.address()), null);
    awaitAllUp(master, agent);
    VipId other = otherBucketVip();
    Backend ob = new Backend(AGENT_IP, AGENT_IP, 31000, 0);
    // another agent's field in the same bucket must stay untouched
    StateKey<AgentVips> namedBucket = L4lbKeys.bucketOf(NAMED);
    AgentVips foreign =
        new AgentVips(
            "10.0.0.9",
            List.of(new VipBackends(NAMED, List.of(new Backend("10.0.0.9", "9.0.9.9", 80, 1)))));
    master.put(namedBucket, foreign).toCompletableFuture().join();

    VipPublisher publisher = new VipPublisher(agent, AGENT_IP);
    Logger log = (Logger) LoggerFactory.getLogger(VipPublisher.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    try {
      Backend notMine = new Backend("10.0.0.2", "9.0.0.3", 8080, 1);
      assertThat(publisher.publish(Map.of(NAMED, List.of(B1, B2, notMine), other, List.of(ob))))
          .isTrue();
      AgentVips named = new AgentVips(AGENT_IP, List.of(new VipBackends(NAMED, List.of(B1, B2))));
      AgentVips udp = new AgentVips(AGENT_IP, List.of(new VipBackends(other, List.of(ob))));
      assertThat(entries(agent, NAMED).get("a1")).isEqualTo(new StateEntry<>("a1", named));
      assertThat(entries(agent, other).get("a1")).isEqualTo(new StateEntry<>("a1", udp));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  named.equals(master.get(namedBucket).get("a1"))
                      && udp.equals(master.get(L4lbKeys.bucketOf(other)).get("a1")));
      assertThat(appender.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .containsExactlyInAnyOrder(
              "VIP tcp://web.marathon:80: backend added 9.0.0.1:8080 (weight 1)",
              "VIP tcp://web.marathon:80: backend added 9.0.0.2:8080 (weight 1)",
              "VIP udp://" + other.host() + ":53: backend added 10.0.0.1:31000 (weight 0)");
      for (StateKey<AgentVips> k : L4lbKeys.buckets()) {
        if (!k.equals(namedBucket) && !k.equals(L4lbKeys.bucketOf(other))) {
          assertThat(agent.entries(k)).doesNotContainKey("a1");
        }
      }

      appender.list.clear();
      assertThat(publisher.publish(Map.of(NAMED, List.of(B2, B1), other, List.of(ob)))).isTrue();
      assertThat(appender.list).isEmpty(); // nothing changed: nothing written, nothing logged

      Backend b2Drained = new Backend(AGENT_IP, "9.0.0.2", 8080, 0);
      assertThat(publisher.publish(Map.of(NAMED, List.of(b2Drained)))).isTrue();
      assertThat(appender.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .containsExactlyInAnyOrder(
              "VIP tcp://web.marathon:80: backend removed 9.0.0.1:8080 (weight 1)",
              "VIP tcp://web.marathon:80: backend 9.0.0.2:8080 weight 1 -> 0",
              "VIP udp://" + other.host() + ":53: backend removed 10.0.0.1:31000 (weight 0)");
      assertThat(entries(agent, other)).doesNotContainKey("a1");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !master.get(L4lbKeys.bucketOf(other)).containsKey("a1"));

      assertThat(publisher.publish(Map.of())).isTrue();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !master.get(namedBucket).containsKey("a1"));
      assertThat(entries(agent, NAMED)).containsOnlyKeys("m1");
      assertThat(master.get(namedBucket)).containsExactly(Map.entry("m1", foreign));
    } finally {
      log.detachAppender(appender);
    }
  }

  @Test
  void afterARestartStaleEntriesOfThisNodeAreRemoved(@TempDir Path dir) {
    VipId other = otherBucketVip();
    Backend ob = new Backend(AGENT_IP, AGENT_IP, 31000, 1);
    ClusterState before = start("a1", NodeRole.AGENT, List.of(), dir);
    assertThat(
            new VipPublisher(before, AGENT_IP)
                .publish(Map.of(NAMED, List.of(B1), other, List.of(ob))))
        .isTrue();
    // a field this node owns under another name (e.g. written by an older version)
    before
        .put(L4lbKeys.bucketOf(NAMED), "legacy", new AgentVips(AGENT_IP, List.of()))
        .toCompletableFuture()
        .join();
    before.close();
    nodes.remove(before);

    ClusterState after = start("a1", NodeRole.AGENT, List.of(), dir);
    assertThat(entries(after, other)).containsKey("a1"); // stale, from the durable replica
    assertThat(entries(after, NAMED)).containsKeys("a1", "legacy");

    assertThat(new VipPublisher(after, AGENT_IP).publish(Map.of(NAMED, List.of(B1)))).isTrue();
    assertThat(entries(after, other)).doesNotContainKey("a1");
    assertThat(entries(after, NAMED))
        .containsOnlyKeys("a1")
        .containsEntry(
            "a1",
            new StateEntry<>(
                "a1", new AgentVips(AGENT_IP, List.of(new VipBackends(NAMED, List.of(B1))))));
  }
}
