package io.dcnet.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelSanitizerTest {

  @Test
  void marathonGroupNamesAndSeparatorsBecomeDashes() {
    assertThat(LabelSanitizer.label("myapp.mygroup")).isEqualTo("myapp-mygroup");
    assertThat(LabelSanitizer.label("My_App")).isEqualTo("my-app");
    assertThat(LabelSanitizer.label("a--b")).isEqualTo("a--b");
    assertThat(LabelSanitizer.label("a._b")).isEqualTo("a--b");
  }

  @Test
  void leadingNonAlphanumericsAreDropped() {
    assertThat(LabelSanitizer.label("--abc")).isEqualTo("abc");
    assertThat(LabelSanitizer.label("_.x")).isEqualTo("x");
    assertThat(LabelSanitizer.label("!-a")).isEqualTo("a");
    assertThat(LabelSanitizer.label("/mygroup/myapp")).isEqualTo("mygroupmyapp");
  }

  @Test
  void otherCharactersAreDroppedAndTrailingDashesStripped() {
    assertThat(LabelSanitizer.label("a b/c:d")).isEqualTo("abcd");
    assertThat(LabelSanitizer.label("abc.-_")).isEqualTo("abc");
    assertThat(LabelSanitizer.label("Ünïcode-Ä")).isEqualTo("ncode");
    assertThat(LabelSanitizer.label("")).isEmpty();
    assertThat(LabelSanitizer.label("-._")).isEmpty();
  }

  @Test
  void cutToSixtyThreeThenTrailingDashStripped() {
    assertThat(LabelSanitizer.label("a".repeat(70))).isEqualTo("a".repeat(63));
    assertThat(LabelSanitizer.label("a".repeat(62) + "-bcd")).isEqualTo("a".repeat(62));
    assertThat(LabelSanitizer.label("--" + "b".repeat(63))).isEqualTo("b".repeat(63));
  }
}
