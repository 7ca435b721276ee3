package io.dcnet.l4lb.nft;

import static io.dcnet.l4lb.nft.NftRendererTest.dest;
import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random sequences of snapshots through one data plane (so every step after the first is an
 * incremental update) always read back exactly and pass the quick check (the pick chains the
 * updates add and remove are the ones it expects); a table changed behind its back is found and
 * replaced.
 */
@Tag("root")
class NftIncrementalSyncTest {
  private static final int STEPS = 60;

  @Test
  void randomChangesReadBackExactly() throws Exception {
    Random random = new Random(42);
    try (Netns ns = Netns.create();
        NftDataPlane dp = NftDataPlane.open(NftDataPlane.DEFAULT_TABLE, ns.runner())) {
      L4Snapshot s = L4Snapshot.empty();
      int withLargeChains = 0;
      for (int step = 0; step < STEPS; step++) {
        s = mutate(s, random);
        dp.sync(s);
        assertThat(dp.installed()).as("step %d", step).isEqualTo(s);
        assertThat(dp.quickCheck()).as("quick check, step %d", step).isEmpty();
        boolean large =
            NftChainCheck.expected(s).stream()
                .anyMatch(c -> c.startsWith("pick") && !NftRenderer.isStanding(c));
        withLargeChains += large ? 1 : 0;
      }
      // pick chains beyond the standing ones were added and deleted by the updates
      assertThat(withLargeChains).isBetween(5, STEPS - 5);
      // every step after the first was an incremental update: none failed over to a replace
      assertThat(dp.replacements()).isEqualTo(1);
      assertThat(dp.sessionStarts()).as("all updates through one nft -i").isEqualTo(1);
    }
  }

  /**
   * The first three processes answer the start's marker as nft does, then read scripts and never
   * answer; later ones are a real {@code nft -i} ({@code $0}: a file counting the starts).
   */
  private static final String HANGS_THREE_TIMES =
      "n=$(cat \"$0\" 2>/dev/null || echo 0); echo $((n + 1)) > \"$0\";"
          + " if [ \"$n\" -lt 3 ]; then read m;"
          + " printf 'Error: syntax error\\n%s\\n^^^\\n' \"$m\" >&2; cat >/dev/null;"
          + " else exec nft -i; fi";

  @Test
  void updatesSurviveAFailingNftSessionWhichIsPausedAfterThreeFailuresAndTriedAgainLater(
      @TempDir Path dir) throws Exception {
    AtomicLong clock = new AtomicLong();
    String counter = dir.resolve("starts").toString();
    try (Netns ns = Netns.create();
        NftSession flaky =
            new NftSession(
                ns.runner(),
                Duration.ofSeconds(1),
                List.of("sh", "-c", HANGS_THREE_TIMES, counter));
        NftDataPlane dp =
            NftDataPlane.withSession(NftDataPlane.DEFAULT_TABLE, ns.runner(), flaky, clock::get)) {
      ServiceKey web = new ServiceKey(Protocol.TCP, InetAddress.getByName("11.0.0.1"), 80);
      L4Snapshot s = L4Snapshot.empty().with(web, List.of(dest("10.9.0.1", 80, 1)));
      dp.sync(s);
      for (int i = 2; i <= 5; i++) {
        s = s.with(web, List.of(dest("10.9.0." + i, 80, 1)));
        dp.sync(s); // the session times out: the table is replaced through nft -f
        assertThat(dp.installed()).as("change %d", i).isEqualTo(s);
      }
      assertThat(dp.sessionStarts()).as("paused after three failures").isZero();
      assertThat(flaky.starts()).as("a new process after each failure").isEqualTo(3);
      int replaced = 1 + NftSessionBackoff.FAILURES_TO_PAUSE;
      assertThat(dp.replacements()).isEqualTo(replaced);
      assertThat(dp.sessionPid()).isEqualTo(-1);

      // while paused, changes are updates through nft -f, not replacements
      clock.addAndGet(NftSessionBackoff.FIRST_PAUSE.minusSeconds(1).toNanos());
      s = s.with(web, List.of(dest("10.9.0.6", 80, 1)));
      dp.sync(s);
      assertThat(dp.installed()).isEqualTo(s);
      assertThat(flaky.starts()).isEqualTo(3);
      assertThat(dp.replacements()).isEqualTo(replaced);

      // the pause is over: the session is tried again, and now it works
      clock.addAndGet(Duration.ofSeconds(1).toNanos());
      for (int i = 7; i <= 8; i++) {
        s = s.with(web, List.of(dest("10.9.0." + i, 80, 1)));
        dp.sync(s);
        assertThat(dp.installed()).as("change %d", i).isEqualTo(s);
      }
      assertThat(flaky.starts()).as("one new process for both changes").isEqualTo(4);
      assertThat(dp.sessionStarts()).isEqualTo(4);
      assertThat(dp.sessionPid()).isPositive();
      assertThat(dp.replacements()).isEqualTo(replaced);
    }
  }

  @Test
  void aTableChangedBehindItsBackIsReplaced() throws Exception {
    try (Netns ns = Netns.create();
        NftDataPlane dp = NftDataPlane.open(NftDataPlane.DEFAULT_TABLE, ns.runner())) {
      ServiceKey web = new ServiceKey(Protocol.TCP, InetAddress.getByName("11.0.0.1"), 80);
      L4Snapshot s = L4Snapshot.empty().with(web, List.of(dest("10.9.0.1", 80, 1)));
      dp.sync(s);
      ns.runner().run("nft", "delete", "table", "inet", NftDataPlane.DEFAULT_TABLE);
      L4Snapshot next = s.with(web, List.of(dest("10.9.0.2", 80, 1)));
      dp.sync(next); // the update fails (no table), the fallback replaces
      assertThat(dp.installed()).isEqualTo(next);
      assertThat(dp.replacements()).isEqualTo(2);
    }
  }

  @Test
  void theQuickCheckFindsADeletedChainAndAFlushedRulesetAndTheNextSyncRepairs() throws Exception {
    try (Netns ns = Netns.create();
        NftDataPlane dp = NftDataPlane.open(NftDataPlane.DEFAULT_TABLE, ns.runner())) {
      ServiceKey web = new ServiceKey(Protocol.TCP, InetAddress.getByName("11.0.0.1"), 80);
      L4Snapshot s =
          L4Snapshot.empty().with(web, List.of(dest("10.9.0.1", 80, 1), dest("10.9.0.2", 80, 2)));
      dp.sync(s);
      assertThat(dp.quickCheck()).isEmpty();

      String t = NftDataPlane.DEFAULT_TABLE;
      ns.runner().run("nft", "flush", "chain", "inet", t, "output");
      ns.runner().run("nft", "delete", "chain", "inet", t, "output");
      assertThat(dp.quickCheck())
          .hasValueSatisfying(
              f -> assertThat(f).contains("missing [output (nat output -100 accept)]"));
      assertThat(dp.installed()).as("the maps alone still read back equal").isEqualTo(s);
      dp.sync(s); // the finding made it forget the table: this sync replaces it
      assertThat(dp.replacements()).isEqualTo(2);
      assertThat(dp.quickCheck()).isEmpty();

      ns.runner().run("nft", "add", "chain", "inet", t, "extra");
      assertThat(dp.quickCheck())
          .hasValueSatisfying(f -> assertThat(f).contains("unexpected [extra]"));
      dp.sync(s);
      assertThat(dp.quickCheck()).isEmpty();

      ns.runner().run("nft", "flush", "ruleset");
      assertThat(dp.quickCheck()).hasValueSatisfying(f -> assertThat(f).contains("no chains"));
      dp.sync(s);
      assertThat(dp.installed()).isEqualTo(s);
      assertThat(dp.quickCheck()).isEmpty();
      assertThat(dp.replacements()).isEqualTo(4);
    }
  }

  @Test
  void aSessionThatCannotStartIsDroppedAndTheUpdateStillGoesThroughNftF() throws Exception {
    try (Netns ns = Netns.create();
        NftSession silent =
            new NftSession(
                ns.runner(), Duration.ofMillis(300), List.of("sh", "-c", "cat >/dev/null"));
        NftDataPlane dp =
            NftDataPlane.withSession(
                NftDataPlane.DEFAULT_TABLE, ns.runner(), silent, System::nanoTime)) {
      ServiceKey web = new ServiceKey(Protocol.TCP, InetAddress.getByName("11.0.0.1"), 80);
      L4Snapshot s = L4Snapshot.empty().with(web, List.of(dest("10.9.0.1", 80, 1)));
      dp.sync(s);
      s = s.with(web, List.of(dest("10.9.0.2", 80, 1)));
      dp.sync(s); // the session never answers its first marker: nothing sent, nft -f instead
      assertThat(dp.installed()).isEqualTo(s);
      assertThat(dp.replacements()).as("an update, not a replacement").isEqualTo(1);
      assertThat(silent.starts()).isEqualTo(1);
      s = s.with(web, List.of(dest("10.9.0.3", 80, 1)));
      dp.sync(s);
      assertThat(dp.installed()).isEqualTo(s);
      assertThat(silent.starts()).as("not tried again").isEqualTo(1);
      assertThat(dp.replacements()).isEqualTo(1);
    }
  }

  private static L4Snapshot mutate(L4Snapshot s, Random random) throws Exception {
    L4Snapshot out = s;
    int changes = 1 + random.nextInt(4);
    for (int i = 0; i < changes; i++) {
      boolean v6 = random.nextBoolean();
      int n = random.nextInt(6);
      InetAddress vip = InetAddress.getByName(v6 ? "fd01:c::" + (n + 1) : "11.0.0." + (n + 1));
      ServiceKey key = new ServiceKey(random.nextBoolean() ? Protocol.TCP : Protocol.UDP, vip, 80);
      if (random.nextInt(5) == 0) {
        out = out.without(key);
        continue;
      }
      List<Destination> dests = new ArrayList<>();
      int count = random.nextInt(4);
      for (int d = 0; d < count; d++) {
        int host = 1 + random.nextInt(5);
        dests.add(
            dest(
                v6 ? "fd00:9::" + host : "10.9.0." + host,
                8000 + random.nextInt(3),
                random.nextInt(8) == 0 ? 12 + random.nextInt(9) : random.nextInt(4)));
      }
      out = out.with(key, dests);
    }
    return out;
  }
}
