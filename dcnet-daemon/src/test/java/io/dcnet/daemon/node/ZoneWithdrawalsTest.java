package io.dcnet.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.dns.DnsZone;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When this node's (m1's) zone entry is superseded, with stamps from clocks that disagree. */
class ZoneWithdrawalsTest {
  private static final String ZONE = "dcos.thisdcos.directory";

  private final ZoneWithdrawals w = new ZoneWithdrawals("m1");

  private static Map<String, PublishedZone> entries(Object... fieldsAndStamps) {
    Map<String, PublishedZone> out = new LinkedHashMap<>();
    for (int i = 0; i < fieldsAndStamps.length; i += 2) {
      out.put(
          (String) fieldsAndStamps[i],
          PublishedZone.of(new DnsZone(ZONE, Map.of()), (Long) fieldsAndStamps[i + 1]));
    }
    return out;
  }

  /** m1 writes with {@code seen} as the latest snapshot, then stops. */
  private void wroteAndStopped(Map<String, PublishedZone> seen) {
    w.seen(ZONE, seen);
    w.wrote(ZONE);
    w.stopped(ZONE);
  }

  @Test
  void aNewerEntryOfAnotherNodeSupersedes() {
    wroteAndStopped(entries("m1", 200L));
    assertThat(w.superseded(ZONE, entries("m1", 200L))).isEmpty();
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 300L))).hasValue(200);
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 400L))).as("withdrawn once").isEmpty();
  }

  @Test
  void anEntryWrittenAfterTheLastWriteSupersedesEvenWithAnOlderStamp() {
    wroteAndStopped(entries("m1", 200L, "m2", 100L)); // m2's clock runs behind
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 100L))).isEmpty();
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 150L))).hasValue(200);

    wroteAndStopped(entries("m1", 200L, "m2", 100L));
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 100L, "m3", 120L)))
        .as("a node that had no entry")
        .hasValue(200);
  }

  @Test
  void theReferenceIsTheLastWriteNotTheStop() {
    w.seen(ZONE, entries("m1", 200L, "m2", 100L));
    w.wrote(ZONE);
    w.seen(ZONE, entries("m1", 200L, "m2", 150L)); // m2 wrote before m1 stopped
    w.stopped(ZONE);
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 150L))).hasValue(200);
  }

  @Test
  void withoutAReferenceOnlyANewerStampSupersedes() {
    w.leftover(ZONE);
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 100L))).isEmpty();
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 150L))).isEmpty();
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 250L))).hasValue(200);

    w.wrote(ZONE); // no snapshot seen before the write
    w.stopped(ZONE);
    assertThat(w.hasSeen(ZONE)).isFalse();
    assertThat(w.superseded(ZONE, entries("m1", 300L, "m2", 250L))).isEmpty();
    assertThat(w.superseded(ZONE, entries("m1", 300L, "m2", 350L))).hasValue(300);
  }

  @Test
  void nothingWaitsAfterClearOrOnceThisNodesEntryIsGone() {
    wroteAndStopped(entries("m1", 200L));
    w.clear();
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 300L))).isEmpty();

    wroteAndStopped(entries("m1", 200L));
    assertThat(w.superseded(ZONE, entries("m2", 300L))).isEmpty();
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 400L))).isEmpty();
    assertThat(w.superseded("other.zone", entries("m1", 200L, "m2", 400L))).isEmpty();
  }
}
