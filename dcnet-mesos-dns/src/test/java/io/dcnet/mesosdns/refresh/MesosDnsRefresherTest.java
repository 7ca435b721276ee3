package io.dcnet.mesosdns.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dcnet.core.net.HostResolver;
import io.dcnet.core.time.ManualClock;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.config.MesosDnsConfigLoader;
import io.dcnet.mesosdns.records.MesosDnsSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MesosDnsRefresherTest {
  private static final List<String> MASTERS = List.of("10.0.0.1:5050");
  private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(1_700_000_000L));
  private final List<MesosDnsRefresher> toClose = new ArrayList<>();

  @AfterEach
  void close() {
    toClose.forEach(MesosDnsRefresher::close);
  }

  private static MesosDnsConfig cfg() throws Exception {
    return MesosDnsConfigLoader.parse(
        "{\"masters\":[\"10.0.0.1:5050\"],\"listener\":\"127.0.0.1\",\"refreshSeconds\":3600}"
            .getBytes(StandardCharsets.UTF_8));
  }

  private static MasterState state(String... agentIps) {
    List<Agent> agents = new ArrayList<>();
    for (int i = 0; i < agentIps.length; i++) {
      agents.add(new Agent("a-S" + i, "", "slave(1)@" + agentIps[i] + ":5051"));
    }
    return new MasterState("master@10.0.0.1:5050", agents, List.of());
  }

  private MesosDnsRefresher refresher(StateSource source) throws Exception {
    MesosDnsRefresher r =
        new MesosDnsRefresher(cfg(), MASTERS, source, HostResolver.literalsOnly(), List::of, clock);
    toClose.add(r);
    return r;
  }

  @Test
  void successSwapsInSnapshotWithClockSerialAndNotifies() throws Exception {
    List<MesosDnsSnapshot> seen = new CopyOnWriteArrayList<>();
    MesosDnsRefresher r = refresher(m -> state("10.0.0.11"));
    r.addListener(seen::add);
    assertThat(r.current()).isEmpty();
    assertThat(r.refreshNow()).isTrue();
    MesosDnsSnapshot snap = r.current().orElseThrow();
    assertThat(snap.serial()).isEqualTo(1_700_000_000L);
    assertThat(snap.refreshedAt()).isEqualTo(clock.instant());
    assertThat(snap.records().a().get("slave.mesos.")).containsExactly("10.0.0.11");
    assertThat(snap.records().a().get("leader.mesos.")).containsExactly("10.0.0.1");
    assertThat(seen).containsExactly(snap);
    assertThat(r.isReady()).isTrue();
    assertThat(r.failures()).isZero();
  }

  @Test
  void failureKeepsPreviousRecordsAndCounts() throws Exception {
    AtomicReference<Object> next = new AtomicReference<>(state("10.0.0.11"));
    MesosDnsRefresher r =
        refresher(
            m -> {
              Object o = next.get();
              if (o instanceof Exception e) {
                throw e;
              }
              return (MasterState) o;
            });
    assertThat(r.refreshNow()).isTrue();
    MesosDnsSnapshot first = r.current().orElseThrow();
    clock.advance(Duration.ofSeconds(60));
    next.set(new IOException("connection refused"));
    assertThat(r.refreshNow()).isFalse();
    assertThat(r.current()).containsSame(first);
    assertThat(r.failures()).isEqualTo(1);
    next.set(new MesosStateException("slaves[0].pid: 'x' (expected: id@host:port)"));
    assertThat(r.refreshNow()).isFalse();
    assertThat(r.current()).containsSame(first);
    assertThat(r.failures()).isEqualTo(2);
    next.set(new MasterState("", List.of(), List.of())); // empty leader
    assertThat(r.refreshNow()).isFalse();
    assertThat(r.current()).containsSame(first);
    assertThat(r.failures()).isEqualTo(3);
    next.set(new IllegalStateException("generator bug"));
    assertThat(r.refreshNow()).isFalse();
    assertThat(r.failures()).isEqualTo(4);
    next.set(state("10.0.0.12"));
    assertThat(r.refreshNow()).isTrue();
    assertThat(r.current().orElseThrow().serial()).isEqualTo(1_700_000_060L);
    assertThat(r.current().orElseThrow().records().a().get("slave.mesos."))
        .containsExactly("10.0.0.12");
    assertThat(r.successes()).isEqualTo(2);
  }

  @Test
  void readyLatchOpensOnlyAfterFirstSuccess() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    MesosDnsRefresher r =
        refresher(
            m -> {
              if (calls.incrementAndGet() == 1) {
                throw new MesosStateException("master state: malformed JSON");
              }
              return state("10.0.0.11");
            });
    assertThat(r.refreshNow()).isFalse();
    assertThat(r.isReady()).isFalse();
    assertThat(r.awaitReady(Duration.ZERO)).isFalse();
    assertThat(r.current()).isEmpty();
    assertThat(r.refreshNow()).isTrue();
    assertThat(r.awaitReady(Duration.ZERO)).isTrue();
  }

  @Test
  void schedulerRefreshesAtStartAndWhenMastersChange() throws Exception {
    List<List<String>> asked = new CopyOnWriteArrayList<>();
    MesosDnsRefresher r =
        refresher(
            m -> {
              asked.add(m);
              return state("10.0.0.11");
            });
    r.start();
    assertThat(r.awaitReady(Duration.ofSeconds(10))).isTrue();
    List<String> zk = List.of("10.0.0.2:5050", "10.0.0.1:5050");
    r.mastersChanged(zk);
    await().atMost(Duration.ofSeconds(10)).until(() -> asked.contains(zk));
    assertThat(asked.get(0)).isEqualTo(MASTERS);
    assertThat(r.masters()).isEqualTo(zk);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(r.current().orElseThrow().records().a().get("master1.mesos."))
                    .containsExactly("10.0.0.1"));
  }

  @Test
  void refreshesNeverOverlap() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    MesosDnsRefresher r =
        refresher(
            m -> {
              maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              try {
                if (calls.incrementAndGet() == 1) {
                  entered.countDown();
                  assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                }
                return state("10.0.0.11");
              } finally {
                inFlight.decrementAndGet();
              }
            });
    r.start();
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    Thread other = new Thread(r::refreshNow, "test-refresh");
    other.start();
    r.mastersChanged(List.of("10.0.0.3:5050"));
    await().atMost(Duration.ofSeconds(10)).until(() -> other.getState() == Thread.State.WAITING);
    assertThat(calls.get()).isEqualTo(1);
    release.countDown();
    other.join(10_000);
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3);
    assertThat(maxInFlight.get()).isEqualTo(1);
  }

  @Test
  void logsOneInfoLineOnlyWhenRecordsChange() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(MesosDnsRefresher.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      AtomicReference<MasterState> next = new AtomicReference<>(state("10.0.0.11"));
      MesosDnsRefresher r = refresher(m -> next.get());
      r.refreshNow();
      r.refreshNow(); // unchanged: no INFO
      next.set(state("10.0.0.11", "10.0.0.12"));
      r.refreshNow();
      next.set(null); // failure: one ERROR line
      r.refreshNow();
      List<String> info =
          appender.list.stream()
              .filter(e -> e.getLevel() == Level.INFO)
              .map(ILoggingEvent::getFormattedMessage)
              .toList();
      assertThat(info).hasSize(2);
      assertThat(info.get(1)).startsWith("records refreshed: 0 names added, 0 removed, 1 changed");
      assertThat(appender.list.stream().filter(e -> e.getLevel() == Level.ERROR)).hasSize(1);
    } finally {
      logger.detachAppender(appender);
    }
  }

  /** A clock the test moves by hand. */
}
