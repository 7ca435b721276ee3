package io.dcnet.mesosdns.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskIdHashTest {
  @Test
  void knownVectors() {
    assertThat(TaskIdHash.of("test")).isEqualTo("iffe9");
    assertThat(TaskIdHash.of("web.4f2e")).isEqualTo("9rtru");
    // from upstream's fixture expectations
    assertThat(TaskIdHash.of("liquor-store.b8db9f73-562f-11e4-a088-c20493233aa5"))
        .isEqualTo("4dfjd");
    assertThat(TaskIdHash.of("liquor-store.b71166c1-562f-11e4-a088-c20493233aa5"))
        .isEqualTo("zasmd");
    assertThat(TaskIdHash.of("car-store.43758382-562f-11e4-a088-c20493233aa5")).isEqualTo("zinaz");
  }

  @Test
  void zbase32OfKnownBytes() {
    // 11010 10001 11101 00000 0100(0) -> 26 17 29 0 8; a partial group is zero-padded
    assertThat(TaskIdHash.zbase32(new byte[] {(byte) 0xF0})).isEqualTo("6y");
    assertThat(TaskIdHash.zbase32(new byte[] {(byte) 0xD4, 0x7A, 0x04})).isEqualTo("4t7ye");
    assertThat(TaskIdHash.zbase32(new byte[20])).hasSize(32).matches("y+");
  }

  @Test
  void emptyAndNonAsciiIdsHashToFiveCharacters() {
    assertThat(TaskIdHash.of("")).hasSize(5);
    assertThat(TaskIdHash.of("tâche-ü")).hasSize(5).isNotEqualTo(TaskIdHash.of("tache-u"));
  }
}
