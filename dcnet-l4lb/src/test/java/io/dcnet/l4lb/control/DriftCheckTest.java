package io.dcnet.l4lb.control;

import static io.dcnet.l4lb.control.L4SnapshotBuilderTest.d;
import static io.dcnet.l4lb.control.L4SnapshotBuilderTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.time.ManualClock;
import io.dcnet.l4lb.dataplane.DataPlaneException;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftCheckTest {
  private static final Duration INTERVAL = Duration.ofSeconds(30);
  private static final L4Snapshot DESIRED =
      L4Snapshot.empty().with(key("tcp://11.0.0.1:80"), List.of(d("10.0.0.1", 8080, 1)));

  private final ManualClock clock = new ManualClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SlowReadDataPlane dp = new SlowReadDataPlane();
  private final DriftCheck check =
      new DriftCheck(dp, new L4lbMetrics(registry, "slow"), clock, INTERVAL);

  /**
   * Installs nothing; a read-back takes {@code readCost} on the clock and returns {@code state}.
   */
  private final class SlowReadDataPlane implements L4DataPlane {
    Duration readCost = Duration.ZERO;
    L4Snapshot state = DESIRED;
    final List<Optional<String>> quickFindings = new ArrayList<>();

    @Override
    public String kind() {
      return "slow";
    }

    @Override
    public void sync(L4Snapshot desired) {
      state = desired;
    }

    boolean failNextRead;

    @Override
    public L4Snapshot installed() throws DataPlaneException {
      clock.advance(readCost);
      if (failNextRead) {
        failNextRead = false;
        throw new DataPlaneException("injected read failure");
      }
      return state;
    }

    @Override
    public Optional<String> quickCheck() {
      return quickFindings.isEmpty() ? Optional.empty() : quickFindings.remove(0);
    }

    @Override
    public void close() {}
  }

  @Test
  void spacingIsFiftyTimesTheCostBetweenOneAndTenIntervals() {
    assertThat(DriftCheck.spacing(Duration.ofMillis(10), INTERVAL)).isEqualTo(INTERVAL);
    assertThat(DriftCheck.spacing(Duration.ofMillis(600), INTERVAL)).isEqualTo(INTERVAL);
    assertThat(DriftCheck.spacing(Duration.ofMillis(1600), INTERVAL))
        .isEqualTo(Duration.ofSeconds(80));
    assertThat(DriftCheck.spacing(Duration.ofSeconds(10), INTERVAL))
        .isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void aReconcileIsDueAnIntervalAfterTheLastSyncOrCheck() throws Exception {
    assertThat(check.due(clock.instant())).as("before anything").isTrue();
    check.synced(clock.instant());
    clock.advance(Duration.ofSeconds(29));
    assertThat(check.due(clock.instant())).isFalse();
    clock.advance(Duration.ofMillis(950)); // within the 100 ms slack
    assertThat(check.due(clock.instant())).isTrue();
    check.check(DESIRED, clock.instant());
    assertThat(check.due(clock.instant())).isFalse();
    clock.advance(INTERVAL);
    assertThat(check.due(clock.instant())).isTrue();
  }

  @Test
  void aCheapReadBackRunsAtEveryReconcile() throws Exception {
    dp.readCost = Duration.ofMillis(5);
    for (int i = 0; i < 5; i++) {
      assertThat(check.check(DESIRED, clock.instant())).isEmpty();
      clock.advance(INTERVAL);
    }
    assertThat(check.fullReads()).isEqualTo(5);
    assertThat(check.lastFullCost()).isEqualTo(Duration.ofMillis(5));
    assertThat(registry.get("readback.duration").timer().count()).isEqualTo(5);
  }

  @Test
  void anExpensiveReadBackIsSpacedAndQuickChecksRunBetween() throws Exception {
    dp.readCost = Duration.ofSeconds(2); // next full read-back 100 s after the start of this one
    List<Long> fullReadsAfterEach = new ArrayList<>();
    for (int i = 0; i < 8; i++) { // reconciles at 0, 30, ..., 210 s (plus the read costs)
      assertThat(check.check(DESIRED, clock.instant())).isEmpty();
      fullReadsAfterEach.add(check.fullReads());
      clock.advance(INTERVAL);
    }
    // full at 0; quick at 32, 62; full at 92 (within half an interval of 100); quick at 124, 154;
    // full at 184 (92 + 100 - 15 <= 184)
    assertThat(fullReadsAfterEach).containsExactly(1L, 1L, 1L, 2L, 2L, 2L, 3L, 3L);
    assertThat(check.checks()).isEqualTo(8);
  }

  @Test
  void aQuickFindingIsReportedAndTheNextCheckReadsBackInFull() throws Exception {
    dp.readCost = Duration.ofSeconds(2);
    assertThat(check.check(DESIRED, clock.instant())).isEmpty();
    clock.advance(INTERVAL);
    dp.quickFindings.add(Optional.of("chain output missing"));
    assertThat(check.check(DESIRED, clock.instant())).contains("chain output missing");
    assertThat(check.fullReads()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(check.check(DESIRED, clock.instant())).isEmpty();
    assertThat(check.fullReads()).isEqualTo(2);
  }

  @Test
  void aReadBackThatFailsIsTriedAgainAtTheNextReconcile() throws Exception {
    dp.readCost = Duration.ofSeconds(2);
    assertThat(check.check(DESIRED, clock.instant())).isEmpty(); // full; next one 100 s later
    clock.advance(INTERVAL);
    dp.failNextRead = true;
    assertThat(check.check(DESIRED, clock.instant())).isEmpty(); // quick only: not due
    clock.advance(Duration.ofSeconds(70));
    assertThatThrownBy(() -> check.check(DESIRED, clock.instant()))
        .isInstanceOf(DataPlaneException.class);
    clock.advance(INTERVAL);
    assertThat(check.check(DESIRED, clock.instant())).isEmpty();
    assertThat(check.fullReads()).isEqualTo(2);
  }

  @Test
  void aFullReadBackThatDiffersIsSummarised() throws Exception {
    dp.state = L4Snapshot.empty();
    Optional<String> drift = check.check(DESIRED, clock.instant());
    assertThat(drift).isPresent();
    assertThat(drift.get()).contains("11.0.0.1");
  }
}
