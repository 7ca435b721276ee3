package io.dcnet.discovery;

import static io.dcnet.discovery.Fixtures.a;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ZonePublisherTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String LEADER = "leader." + TaskRecords.ZONE;
  private static final String WEB = "web.marathon.autoip." + TaskRecords.ZONE;
  private static final String DB = "db.marathon.autoip." + TaskRecords.ZONE;

  private final List<DnsZone> published = new ArrayList<>();
  private final ZonePublisher publisher = new ZonePublisher(published::add, Duration.ofSeconds(1));

  private static DnsZone zone(Object... nameAndIp) {
    Map<String, List<ZoneRecord>> byName = new TreeMap<>();
    for (int i = 0; i < nameAndIp.length; i += 2) {
      byName.put((String) nameAndIp[i], a((String) nameAndIp[i + 1]));
    }
    return new DnsZone(TaskRecords.ZONE, byName);
  }

  private void publishIfDue(Instant at, DnsZone current) {
    publisher.publishIfDue(at, () -> current, FailoverPhase.SERVE);
  }

  @Test
  void nothingIsPublishedUntilAChange() {
    publishIfDue(T0, zone(WEB, "10.0.0.1"));
    assertThat(published).isEmpty();
    assertThat(publisher.lastPublished()).isNull();
  }

  @Test
  void changesWithinAnIntervalOfAPublishWaitForItsEnd() {
    publisher.changed(T0);
    publishIfDue(T0, zone(WEB, "10.0.0.1"));
    assertThat(published).hasSize(1);

    publisher.changed(T0.plusMillis(300));
    publishIfDue(T0.plusMillis(999), zone(WEB, "10.0.0.2"));
    assertThat(published).hasSize(1);
    publishIfDue(T0.plusMillis(1000), zone(WEB, "10.0.0.3"));
    assertThat(published).hasSize(2);
    assertThat(published.get(1)).isEqualTo(zone(WEB, "10.0.0.3"));
    assertThat(publisher.publishCount()).isEqualTo(2);
  }

  @Test
  void aZoneEqualToTheLastPublishedIsNotPublishedAgain() {
    publisher.changed(T0);
    publishIfDue(T0, zone(WEB, "10.0.0.1"));
    publisher.changed(T0.plusSeconds(5));
    publishIfDue(T0.plusSeconds(5), zone(WEB, "10.0.0.1"));
    assertThat(published).hasSize(1);
    assertThat(publisher.publishCount()).isEqualTo(1);
  }

  @Test
  void outsideServeTheCarriedZoneIsKeptButTheLeaderIsTheCurrentOne() {
    publisher.changed(T0);
    publishIfDue(T0, zone(LEADER, "10.0.0.1", WEB, "10.0.1.1"));
    publisher.carryLastPublished();

    publisher.changed(T0.plusSeconds(2));
    DnsZone current = zone(LEADER, "10.0.0.2", DB, "10.0.1.2");
    publisher.publishIfDue(T0.plusSeconds(2), () -> current, FailoverPhase.AWAIT_AGENTS);
    assertThat(publisher.lastPublished())
        .isEqualTo(zone(DB, "10.0.1.2", LEADER, "10.0.0.2", WEB, "10.0.1.1"));

    publisher.publishSoon(T0.plusSeconds(4));
    publishIfDue(T0.plusSeconds(4), current);
    assertThat(publisher.lastPublished()).isEqualTo(current);
  }

  @Test
  void aThrowingSinkLeavesThePublishDue() {
    boolean[] fail = {true};
    List<DnsZone> got = new ArrayList<>();
    ZonePublisher p =
        new ZonePublisher(
            z -> {
              if (fail[0]) {
                throw new IllegalStateException("sink down");
              }
              got.add(z);
            },
            Duration.ofSeconds(1));
    DnsZone z = zone(WEB, "10.0.0.1");
    p.changed(T0);
    assertThatThrownBy(() -> p.publishIfDue(T0, () -> z, FailoverPhase.SERVE))
        .hasMessage("sink down");
    assertThat(p.lastPublished()).isNull();
    fail[0] = false;
    p.publishIfDue(T0.plusMillis(100), () -> z, FailoverPhase.SERVE);
    assertThat(got).containsExactly(z);
    assertThat(p.publishCount()).isEqualTo(1);
  }
}
