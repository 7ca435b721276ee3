package io.dcnet.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.net.HostResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MastersSourceTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final TaskRecords records = new TaskRecords(HostResolver.literalsOnly());
  private volatile boolean fail;
  private final MastersSource source =
      new MastersSource(
          () -> {
            if (fail) {
              throw new IllegalStateException("exhibitor down");
            }
            return Fixtures.MASTERS;
          },
          records,
          Duration.ofSeconds(5));

  @Test
  void aReadGivesTheMasterEntries() {
    assertThat(source.read(T0)).contains(records.forMasters(Fixtures.MASTERS));
  }

  @Test
  void theNextReadIsDueARefreshAfterTheLastOneEvenIfItFailed() {
    assertThat(source.due(T0)).isTrue();
    fail = true;
    assertThat(source.read(T0)).isEmpty();
    assertThat(source.due(T0.plusMillis(4999))).isFalse();
    assertThat(source.due(T0.plusSeconds(5))).isTrue();
    fail = false;
    List<ZoneEntry> entries = source.read(T0.plusSeconds(5)).orElseThrow();
    assertThat(entries).isEqualTo(records.forMasters(Fixtures.MASTERS));
  }
}
