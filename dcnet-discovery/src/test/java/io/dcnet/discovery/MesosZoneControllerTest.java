package io.dcnet.discovery;

import static io.dcnet.discovery.Fixtures.a;
import static io.dcnet.discovery.Fixtures.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.net.HostResolver;
import io.dcnet.core.time.ManualClock;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.stream.ClusterChange;
import io.dcnet.mesos.stream.ClusterSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MesosZoneControllerTest {
  private final ManualClock clock = new ManualClock();
  private final List<DnsZone> published = new ArrayList<>();
  private volatile List<String> masters = Fixtures.MASTERS;
  private final TaskRecords records = new TaskRecords(HostResolver.literalsOnly());
  private final MesosZoneController ctl =
      new MesosZoneController(
          records, () -> masters, published::add, clock, ControllerOptions.defaults());

  private void resync(MasterState s) {
    ClusterSnapshot snap = Fixtures.snapshot(s, Fixtures.LEADER);
    ctl.onChange(new ClusterChange.Resynced(snap), snap);
  }

  private void change(ClusterChange c) {
    ctl.onChange(c, ClusterSnapshot.EMPTY);
  }

  /** Advances the clock in 100 ms ticks, calling tick() each time. */
  private void run(Duration d) {
    long steps = d.toMillis() / 100;
    for (long i = 0; i < steps; i++) {
      clock.advance(Duration.ofMillis(100));
      ctl.tick();
    }
  }

  private void serve(MasterState s) {
    resync(s);
    run(Duration.ofSeconds(11));
    assertThat(ctl.phase()).isEqualTo(FailoverPhase.SERVE);
  }

  private static Task renamed(Task t, String id, String name) {
    return new Task(
        id,
        name,
        t.frameworkId(),
        t.agentId(),
        t.state(),
        t.ports(),
        t.statuses(),
        null,
        List.of());
  }

  @Test
  void nothingIsPublishedBeforeTheFirstSubscription() {
    run(Duration.ofSeconds(30));
    assertThat(published).isEmpty();
    assertThat(ctl.phase()).isEqualTo(FailoverPhase.INIT);
  }

  @Test
  void aChangeAfterAQuietSecondGoesOutAtOnceAndABurstIsCoalesced() {
    MasterState s = Fixtures.load("hello-world.json");
    serve(s);
    assertThat(published).hasSize(1);
    assertThat(published.get(0)).isEqualTo(records.build(s, Fixtures.LEADER, Fixtures.MASTERS));
    run(Duration.ofMillis(1100));

    Task template = Fixtures.tasks(s).get(0);
    // the first change after a quiet interval is published at the next tick
    change(new ClusterChange.TaskChanged(null, renamed(template, "burst.0", "burst0")));
    clock.advance(Duration.ofMillis(18));
    ctl.tick();
    assertThat(published).hasSize(2);
    assertThat(published.get(1).records()).hasSize(13 + 3);
    // the rest of the burst, within a second of that publish, is coalesced into one more
    for (int i = 1; i < 50; i++) {
      change(new ClusterChange.TaskChanged(null, renamed(template, "burst." + i, "burst" + i)));
      clock.advance(Duration.ofMillis(18));
      ctl.tick();
    }
    assertThat(published).hasSize(2);
    run(Duration.ofMillis(200));
    assertThat(published).hasSize(3);
    assertThat(published.get(2).records()).hasSize(13 + 50 * 3);
    // a change right after a publish waits for the interval to end
    change(new ClusterChange.TaskChanged(null, renamed(template, "late.1", "late")));
    run(Duration.ofMillis(700));
    assertThat(published).hasSize(3);
    run(Duration.ofMillis(400));
    assertThat(published).hasSize(4);
  }

  @Test
  void removingOneOfTwoTasksWithOneNameKeepsTheOther() {
    MasterState s = Fixtures.load("pod-tasks.json");
    serve(s);
    Task second = Fixtures.tasks(s).get(2);
    change(new ClusterChange.TaskChanged(second, null));
    run(Duration.ofMillis(1100));
    DnsZone z = published.get(published.size() - 1);
    assertThat(get(z, "web.marathon", "containerip")).isEqualTo(a("9.0.1.10"));
    assertThat(get(z, "web.marathon", "agentip")).isEqualTo(a("10.0.0.11"));
    change(new ClusterChange.TaskChanged(Fixtures.tasks(s).get(0), null));
    run(Duration.ofMillis(1100));
    z = published.get(published.size() - 1);
    assertThat(get(z, "web.marathon", "containerip")).isNull();
    assertThat(get(z, "sidecar.marathon", "containerip")).isEqualTo(a("9.0.1.10"));
  }

  @Test
  void resubscribingWithAPartialSnapshotDoesNotFlush() {
    MasterState full = Fixtures.load("hello-world.json");
    serve(full);
    DnsZone before = published.get(0);
    int count = published.size();

    MasterState partial = Fixtures.withoutAgent(full, "agent-2");
    resync(partial);
    assertThat(ctl.phase()).isEqualTo(FailoverPhase.AWAIT_AGENTS);
    run(Duration.ofMinutes(5));
    assertThat(published).hasSize(count); // union of carried and partial = what was published

    // a new task during the wait appears at once, nothing disappears
    Task extra = renamed(Fixtures.tasks(full).get(0), "extra.1", "extra");
    change(new ClusterChange.TaskChanged(null, extra));
    run(Duration.ofMillis(1100));
    assertThat(published).hasSize(count + 1);
    assertThat(ZoneOrder.contains(published.get(count), before)).isTrue();
    assertThat(get(published.get(count), "extra.marathon", "autoip")).isNotNull();

    // agent-2 comes back with its tasks: AWAIT_TASKS, then SERVE with the complete zone
    Agent agent2 = Fixtures.agent(full, "agent-2");
    change(new ClusterChange.AgentAdded(agent2));
    assertThat(ctl.phase()).isEqualTo(FailoverPhase.AWAIT_TASKS);
    Fixtures.tasks(full).stream()
        .filter(t -> t.agentId().equals("agent-2"))
        .forEach(t -> change(new ClusterChange.TaskChanged(null, t)));
    run(Duration.ofSeconds(11));
    assertThat(ctl.phase()).isEqualTo(FailoverPhase.SERVE);
    for (DnsZone z : published) {
      assertThat(ZoneOrder.contains(z, before)).isTrue();
    }
    assertThat(ctl.lastPublished()).contains(ctl.currentZone());
  }

  @Test
  void anAgentThatNeverReturnsIsDroppedAfterTheWait() {
    MasterState full = Fixtures.load("hello-world.json");
    serve(full);
    resync(Fixtures.withoutAgent(full, "agent-2"));
    run(Duration.ofMinutes(10).minusSeconds(1));
    assertThat(ctl.phase()).isEqualTo(FailoverPhase.AWAIT_AGENTS);
    assertThat(get(published.get(published.size() - 1), "hello-ucr.marathon", "agentip"))
        .isNotNull();
    run(Duration.ofSeconds(12));
    assertThat(ctl.phase()).isEqualTo(FailoverPhase.SERVE);
    DnsZone last = published.get(published.size() - 1);
    assertThat(get(last, "hello-ucr.marathon", "agentip")).isNull();
    assertThat(get(last, "hello-docker.marathon", "agentip")).isEqualTo(a("10.0.0.11"));
  }

  @Test
  void tasksWaitForTheirAgentAndFramework() {
    MasterState full = Fixtures.load("hello-world.json");
    serve(Fixtures.withoutAgent(full, "agent-2"));
    Task ucr = Fixtures.tasks(full).get(1);
    change(new ClusterChange.TaskChanged(null, ucr));
    assertThat(get(ctl.currentZone(), "hello-ucr.marathon", "autoip")).isNull();
    change(new ClusterChange.AgentAdded(Fixtures.agent(full, "agent-2")));
    assertThat(get(ctl.currentZone(), "hello-ucr.marathon", "autoip")).isEqualTo(a("10.0.0.12"));
    change(new ClusterChange.AgentRemoved(Fixtures.agent(full, "agent-2")));
    assertThat(get(ctl.currentZone(), "hello-ucr.marathon", "autoip")).isNull();
  }

  @Test
  void incrementalUpkeepMatchesAFullBuild() {
    MasterState full = Fixtures.load("pod-tasks.json");
    MasterState empty = Fixtures.withoutAgent(Fixtures.withoutAgent(full, "agent-1"), "agent-2");
    serve(empty);
    full.agents().forEach(ag -> change(new ClusterChange.AgentAdded(ag)));
    Fixtures.tasks(full).forEach(t -> change(new ClusterChange.TaskChanged(null, t)));
    assertThat(ctl.currentZone()).isEqualTo(records.build(full, Fixtures.LEADER, Fixtures.MASTERS));
  }

  @Test
  void mastersAreReReadEveryFiveSeconds() {
    serve(Fixtures.load("ipv6.json"));
    masters = List.of("10.0.0.1", "fd01::9");
    run(Duration.ofSeconds(7));
    DnsZone last = published.get(published.size() - 1);
    assertThat(last.records().get("master.dcos.thisdcos.directory"))
        .containsExactly(new io.dcnet.core.dns.ZoneRecord.A("10.0.0.1"), Fixtures.aaaa("fd01::9"));
  }

  @Test
  void aThrowingSinkDoesNotStopTheController() {
    List<DnsZone> got = new CopyOnWriteArrayList<>();
    boolean[] fail = {true};
    MesosZoneController c =
        new MesosZoneController(
            records,
            () -> masters,
            z -> {
              if (fail[0]) {
                throw new IllegalStateException("sink down");
              }
              got.add(z);
            },
            clock,
            ControllerOptions.defaults());
    ClusterSnapshot snap = Fixtures.snapshot(Fixtures.load("ipv6.json"), Fixtures.LEADER);
    c.onChange(new ClusterChange.Resynced(snap), snap);
    clock.advance(Duration.ofSeconds(2));
    assertThatThrownBy(c::tick).hasMessage("sink down");
    assertThat(c.lastPublished()).isEmpty();
    fail[0] = false;
    clock.advance(Duration.ofMillis(100));
    c.tick(); // retried without a new change
    assertThat(got).hasSize(1);
  }
}
