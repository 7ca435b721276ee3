package io.dcnet.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.dns.ZoneRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordTableTest {
  private static final ZoneEntry X1 = new ZoneEntry("x.z", new ZoneRecord.A("10.0.0.1"));
  private static final ZoneEntry X2 = new ZoneEntry("x.z", new ZoneRecord.A("10.0.0.2"));
  private static final ZoneEntry X6 = new ZoneEntry("x.z", new ZoneRecord.Aaaa("fd01::1"));

  @Test
  void aValueStaysUntilEveryReferenceIsRemoved() {
    RecordTable t = new RecordTable();
    t.add(List.of(X1, X2));
    t.add(List.of(X1));
    t.remove(List.of(X1));
    assertThat(t.toZone("z").records().get("x.z"))
        .containsExactly(new ZoneRecord.A("10.0.0.1"), new ZoneRecord.A("10.0.0.2"));
    t.remove(List.of(X1, X2));
    assertThat(t.toZone("z").records()).isEmpty();
    assertThat(t.nameCount()).isZero();
  }

  @Test
  void removingAnUnknownEntryIsIgnoredAndOrderIsCanonical() {
    RecordTable t = new RecordTable();
    t.remove(List.of(X1));
    t.add(List.of(X6, X2, X1));
    assertThat(t.toZone("z").records().get("x.z"))
        .containsExactly(
            new ZoneRecord.A("10.0.0.1"),
            new ZoneRecord.A("10.0.0.2"),
            new ZoneRecord.Aaaa("fd01::1"));
  }
}
