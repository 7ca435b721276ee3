package io.dcnet.l4lb.control;

import static io.dcnet.l4lb.control.L4SnapshotBuilderTest.d;
import static io.dcnet.l4lb.control.L4SnapshotBuilderTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.dataplane.L4Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotDiffTest {
  private final L4Snapshot before =
      L4Snapshot.empty()
          .with(key("tcp://11.0.0.1:80"), List.of(d("10.0.0.1", 80, 1), d("10.0.0.2", 80, 1)))
          .with(key("udp://11.0.0.2:53"), List.of(d("10.0.0.3", 53, 1)));

  @Test
  void oneLinePerAddedOrRemovedVipAndBackend() {
    L4Snapshot after =
        L4Snapshot.empty()
            .with(key("tcp://11.0.0.1:80"), List.of(d("10.0.0.1", 80, 0), d("10.0.0.4", 80, 1)))
            .with(key("tcp://[fd01:c::1]:80"), List.of(d("fd00::1", 80, 1)));
    assertThat(SnapshotDiff.changes(before, after, 50))
        .containsExactly(
            "vip removed udp://11.0.0.2:53 (had 1 backends)",
            "backend removed tcp://11.0.0.1:80 10.0.0.2:80*1",
            "backend weight tcp://11.0.0.1:80 10.0.0.1:80*1 -> 0",
            "backend added tcp://11.0.0.1:80 10.0.0.4:80*1",
            "vip added tcp://[fd01:c::1]:80 backends [[fd00::1]:80*1]");
    assertThat(SnapshotDiff.changes(after, after, 50)).isEmpty();
  }

  @Test
  void capsTheLinesWithASummary() {
    L4Snapshot many = L4Snapshot.empty();
    for (int i = 1; i <= 10; i++) {
      many = many.with(key("tcp://11.0.1." + i + ":80"), List.of(d("10.0.0.1", 80, 1)));
    }
    List<String> lines = SnapshotDiff.changes(L4Snapshot.empty(), many, 4);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(3)).isEqualTo("... and 7 more changes");
  }

  @Test
  void summaryCountsMissingUnexpectedAndDifferentServices() {
    L4Snapshot installed =
        L4Snapshot.empty()
            .with(key("tcp://11.0.0.1:80"), List.of(d("10.0.0.1", 80, 1)))
            .with(key("tcp://11.0.0.9:80"), List.of(d("10.0.0.1", 80, 1)));
    assertThat(SnapshotDiff.summary(before, installed))
        .isEqualTo("1 missing, 1 unexpected, 1 with other backends (e.g. tcp://11.0.0.1:80)");
  }
}
