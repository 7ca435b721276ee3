package io.dcnet.mesos.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesos.http.MesosClientConfig;
import io.dcnet.mesos.http.MesosHttpClientFactory;
import io.dcnet.mesos.model.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OperatorApiSubscriberTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final List<String> IPS = List.of("127.0.0.11", "127.0.0.12", "127.0.0.13");
  private MesosEmulator emu;
  private OperatorApiSubscriber sub;
  private final List<ClusterChange> changes = new CopyOnWriteArrayList<>();
  private final List<Boolean> fromFirstAtResync = new CopyOnWriteArrayList<>();
  private String agent;
  private String framework;

  @BeforeEach
  void setUp() throws Exception {
    emu =
        MesosEmulator.builder()
            .masterAddresses(IPS)
            .heartbeatInterval(Duration.ofMillis(100))
            .requiredToken("s3cret")
            .start();
    agent = emu.addAgent("agent1", "127.0.0.1");
    framework = emu.addFramework("marathon", "127.0.0.1");
  }

  @AfterEach
  void tearDown() {
    if (sub != null) {
      sub.close();
    }
    emu.close();
  }

  private String addr(int i) {
    return IPS.get(i) + ":" + emu.masterPort();
  }

  private static SubscriberOptions fast() {
    return SubscriberOptions.defaults()
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .withIdleTimeout(Duration.ofSeconds(2));
  }

  private void subscribe(Supplier<List<String>> masters, MesosAuth auth, SubscriberOptions o)
      throws Exception {
    sub =
        new OperatorApiSubscriber(
            MesosHttpClientFactory.create(
                MesosClientConfig.plain().withAuth(auth).withRequestTimeout(Duration.ofSeconds(5))),
            masters,
            o);
    sub.addListener(
        (c, after) -> {
          changes.add(c);
          if (c instanceof ClusterChange.Resynced) {
            fromFirstAtResync.add(sub.streamingFromFirstMaster());
          }
        });
    sub.start();
  }

  private void subscribe(List<String> masters) throws Exception {
    subscribe(() -> masters, MesosAuth.token("s3cret"), fast());
  }

  @Test
  void a401RenewsTheTokenAndRetriesInTheSameConnect() throws Exception {
    String t1 = emu.launchTask(TaskSpec.of(framework, agent, "web"));
    List<String> tokens = new CopyOnWriteArrayList<>(List.of("expired", "s3cret"));
    List<Duration> sleeps = new CopyOnWriteArrayList<>();
    SubscriberOptions o = fast();
    SubscriberOptions recording =
        new SubscriberOptions(
            o.backoffMin(),
            o.backoffMax(),
            o.deadStreamHeartbeats(),
            o.idleTimeoutWithoutHeartbeat(),
            o.random(),
            sleeps::add);
    MesosAuth auth = MesosAuth.renewingToken(() -> tokens.remove(0));
    subscribe(() -> List.of(addr(0)), auth, recording);
    await().atMost(WAIT).until(() -> sub.snapshot().tasks().containsKey(t1));
    assertThat(tokens).isEmpty();
    assertThat(sleeps).as("no reconnect was needed").isEmpty();
  }

  @Test
  void snapshotThenLiveTaskStartFailKill() throws Exception {
    String t1 = emu.launchTask(TaskSpec.of(framework, agent, "web").withHostPorts(31000));
    subscribe(List.of(addr(0)));
    await().atMost(WAIT).until(() -> sub.snapshot().tasks().containsKey(t1));
    ClusterSnapshot s = sub.snapshot();
    assertThat(changes.get(0)).isInstanceOf(ClusterChange.Resynced.class);
    assertThat(s.leader()).isEqualTo("master@" + addr(0));
    assertThat(s.agents()).containsKey(agent);
    assertThat(s.frameworks().get(framework).name()).isEqualTo("marathon");
    assertThat(s.tasks().get(t1).state()).isEqualTo(Task.RUNNING);
    assertThat(s.tasks().get(t1).ports()).containsExactly(31000);

    String t2 = emu.launchTask(TaskSpec.of(framework, agent, "db").withContainerIps("9.0.0.5"));
    await().atMost(WAIT).until(() -> running(t2));
    Task t2Running = sub.snapshot().tasks().get(t2);
    assertThat(t2Running.latestRunningStatus()).isPresent();
    assertThat(t2Running.latestRunningStatus().get().networkInfos().get(0).effectiveAddresses())
        .containsExactly("9.0.0.5");
    emu.failTask(t2);
    await().atMost(WAIT).until(() -> !sub.snapshot().tasks().containsKey(t2));
    emu.killTask(t1);
    await().atMost(WAIT).until(() -> sub.snapshot().tasks().isEmpty());
    assertThat(taskChanges(t2))
        .extracting(c -> c.current() == null ? "removed" : c.current().state())
        .containsSubsequence("TASK_STAGING", "TASK_RUNNING", "removed");
    assertThat(sub.snapshot().state().frameworks().get(0).tasks()).isEmpty();
    assertThat(sub.subscriptions()).isEqualTo(1);
  }

  private boolean running(String taskId) {
    Task t = sub.snapshot().tasks().get(taskId);
    return t != null && Task.RUNNING.equals(t.state());
  }

  private List<ClusterChange.TaskChanged> taskChanges(String taskId) {
    List<ClusterChange.TaskChanged> out = new ArrayList<>();
    for (ClusterChange c : changes) {
      if (c instanceof ClusterChange.TaskChanged tc && tc.taskId().equals(taskId)) {
        out.add(tc);
      }
    }
    return out;
  }

  @Test
  void followsTheLeaderWhenItMoves() throws Exception {
    subscribe(List.of(addr(0)));
    await().atMost(WAIT).until(() -> sub.subscriptions() == 1);
    emu.moveLeader(2); // the stream ends; addr(0) now answers 307
    await().atMost(WAIT).until(() -> sub.subscriptions() == 2);
    assertThat(sub.snapshot().leader()).isEqualTo("master@" + addr(2));
    // served by addr(0) itself first, then through its 307; known when the listeners hear of it
    assertThat(fromFirstAtResync).containsExactly(true, false);
    assertThat(sub.streamingFromFirstMaster()).isFalse();
    String t = emu.launchTask(TaskSpec.of(framework, agent, "after-move"));
    await().atMost(WAIT).until(() -> running(t));
  }

  @Test
  void theLeaderIsNamedAsMesosAdvertisesItNotAsTheUrlNamesIt() throws Exception {
    // the leader 127.0.0.11 under another literal: its IPv4-mapped IPv6 form
    subscribe(List.of("[::ffff:" + IPS.get(0) + "]:" + emu.masterPort()));
    await().atMost(WAIT).until(() -> sub.subscriptions() == 1);
    assertThat(sub.snapshot().leader()).isEqualTo("master@" + addr(0));
    assertThat(sub.streamingFromFirstMaster()).isTrue();
  }

  @Test
  void triesEachMasterAndResubscribesAfterCut() throws Exception {
    String down = "127.0.0.14:" + emu.masterPort();
    subscribe(List.of("", down, addr(1)));
    await().atMost(WAIT).until(() -> sub.subscriptions() == 1);
    emu.cutStreams();
    await().atMost(WAIT).until(() -> sub.subscriptions() == 2);
    assertThat(changes.stream().filter(c -> c instanceof ClusterChange.Resynced)).hasSize(2);
    assertThat(fromFirstAtResync).containsExactly(false, false); // "" skipped; down failed
    String t = emu.launchTask(TaskSpec.of(framework, agent, "after-cut"));
    await().atMost(WAIT).until(() -> running(t));
  }

  @Test
  void stalledStreamIsDeclaredDeadAndResubscribed() throws Exception {
    subscribe(List.of(addr(0)));
    await().atMost(WAIT).until(() -> sub.subscriptions() == 1);
    assertThat(sub.streaming()).isTrue();
    assertThat(sub.streamingFromFirstMaster()).isTrue();
    long failures = sub.streamFailures();
    emu.stallStreams(true); // no heartbeats: dead after 5 x 100 ms
    await().atMost(WAIT).until(() -> sub.streamFailures() > failures);
    await().atMost(WAIT).until(() -> !sub.streaming()); // new streams stall before SUBSCRIBED
    assertThat(sub.streamingFromFirstMaster()).isFalse();
    emu.stallStreams(false);
    await().atMost(WAIT).until(() -> sub.subscriptions() >= 2);
    assertThat(sub.streaming()).isTrue();
    String t = emu.launchTask(TaskSpec.of(framework, agent, "after-stall"));
    await().atMost(WAIT).until(() -> running(t));
  }

  @Test
  void wrongTokenNeverSubscribesAndBacksOff() throws Exception {
    List<Duration> delays = new CopyOnWriteArrayList<>();
    SubscriberOptions o =
        fast()
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(3))
            .withRandomAndSleeper(new SplittableRandom(1), delays::add); // no real waiting
    subscribe(() -> List.of(addr(0)), MesosAuth.token("wrong"), o);
    await().atMost(WAIT).until(() -> delays.size() >= 8);
    sub.close();
    assertThat(sub.subscriptions()).isZero();
    assertThat(sub.streamFailures()).isGreaterThanOrEqualTo(8);
    for (int i = 0; i < 8; i++) {
      long ceiling = Math.min(3000, 100L << i);
      assertThat(delays.get(i).toMillis()).as("delay %d", i).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void noLeaderThenLeaderElected() throws Exception {
    emu.setNoLeader();
    subscribe(List.of(addr(0), addr(1)));
    await().atMost(WAIT).until(() -> sub.streamFailures() >= 2);
    assertThat(sub.snapshot()).isEqualTo(ClusterSnapshot.EMPTY);
    assertThat(sub.streaming()).isFalse();
    emu.moveLeader(1);
    await().atMost(WAIT).until(() -> sub.subscriptions() == 1);
    assertThat(sub.streaming()).isTrue();
    assertThat(sub.snapshot().leader()).isEqualTo("master@" + addr(1));
  }
}
