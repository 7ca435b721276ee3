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

  @Test
  void aNewerEntryOfAnotherNodeSupersedes() {
    w.stopped(ZONE, entries("m1", 200L));
    assertThat(w.superseded(ZONE, entries("m1", 200L))).isEmpty();
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 300L))).hasValue(200);
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 400L))).as("withdrawn once").isEmpty();
  }

  @Test
  void anEntryWrittenAfterTheStopSupersedesEvenWithAnOlderStamp() {
    w.stopped(ZONE, entries("m1", 200L, "m2", 100L)); // m2's clock runs behind
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 100L))).isEmpty();
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 150L))).hasValue(200);

    w.stopped(ZONE, entries("m1", 200L, "m2", 100L));
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 100L, "m3", 120L)))
        .as("a node that had no entry")
        .hasValue(200);
  }

  @Test
  void aLeftoverEntryIsSupersededOnlyByANewerStamp() {
    w.leftover(ZONE);
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 100L))).isEmpty();
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 150L))).isEmpty();
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 250L))).hasValue(200);
  }

  @Test
  void nothingWaitsAfterClearOrOnceThisNodesEntryIsGone() {
    w.stopped(ZONE, entries("m1", 200L));
    w.clear();
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 300L))).isEmpty();

    w.stopped(ZONE, entries("m1", 200L));
    assertThat(w.superseded(ZONE, entries("m2", 300L))).isEmpty();
    assertThat(w.superseded(ZONE, entries("m1", 200L, "m2", 400L))).isEmpty();
    assertThat(w.superseded("other.zone", entries("m1", 200L, "m2", 400L))).isEmpty();
  }
}
