package io.dcnet.mesosdns.records;

import static io.dcnet.mesosdns.records.LabelRules.RFC1123;
import static io.dcnet.mesosdns.records.LabelRules.RFC952;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelRulesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // spec table
        "chronos with a space AND MIXED CASE-2.0.1|chronoswithaspaceandmixe|chronoswithaspaceandmixedcase-2-0-1",
        "4abc123|abc123|4abc123",
        "a.c.d_de.|a-c-d-de|a-c-d-de",
        "89fdgsf---gs7-fgs--d7fddg-123|fdgsf---gs7-fgs--d7fddg1|89fdgsf---gs7-fgs--d7fddg-123",
        // upstream labels_test facts
        "-4abc123|abc123|4abc123",
        "fd%gsf---gs7-f$gs--d7fddg-123|fdgsf---gs7-fgs--d7fddg1|fdgsf---gs7-fgs--d7fddg-123",
        "89fdgsf---gs7-fgs--d7fddg---123|fdgsf---gs7-fgs--d7fddg1|89fdgsf---gs7-fgs--d7fddg---123",
        "89fdgsf---gs7-fgs--d7fddg-|fdgsf---gs7-fgs--d7fddg|89fdgsf---gs7-fgs--d7fddg",
        "chronos with a space AND----------MIXED--|chronoswithaspaceandmixe|chronoswithaspaceand----------mixed",
        "a|a|a",
        "-||",
        "a---|a|a",
        "---a---|a|a",
        "---a---b|a---b|a---b",
        "a.b.c.d.e|a-b-c-d-e|a-b-c-d-e",
        "abc123-|abc123|abc123",
        "abc--123|abc--123|abc--123",
        "r29f.dev.angrypigs|r29f-dev-angrypigs|r29f-dev-angrypigs",
        "liquor.store|liquor-store|liquor-store",
        // edge cases
        "||",
        "------||",
        "123456||123456",
        "0-9-x|x|0-9-x",
        "über-größe|ber-gre|ber-gre",
        "日本||",
      })
  void labels(String input, String rfc952, String rfc1123) {
    String in = Objects.toString(input, "");
    assertThat(RFC952.label(in)).as("RFC952").isEqualTo(Objects.toString(rfc952, ""));
    assertThat(RFC1123.label(in)).as("RFC1123").isEqualTo(Objects.toString(rfc1123, ""));
  }

  @Test
  void cutAndRefillQuirkCanLeaveATrailingDash() {
    String input = "a" + "-".repeat(23) + "b-";
    assertThat(RFC952.label(input)).isEqualTo("ab-");
  }

  @Test
  void lengthBoundaries() {
    assertThat(RFC952.label("a".repeat(24))).hasSize(24);
    assertThat(RFC952.label("a".repeat(25))).isEqualTo("a".repeat(24));
    assertThat(RFC1123.label("a".repeat(63))).hasSize(63);
    assertThat(RFC1123.label("b".repeat(64))).isEqualTo("b".repeat(63));
    // dashes at the cut: trimmed, then refilled from after the cut
    assertThat(RFC952.label("a".repeat(23) + "--xyz")).isEqualTo("a".repeat(23) + "x");
    assertThat(RFC1123.label("hello" + "-".repeat(56) + "f"))
        .isEqualTo("hello" + "-".repeat(56) + "f");
    assertThat(RFC1123.label("hello" + "-".repeat(58) + "f")).isEqualTo("hellof");
    assertThat(RFC952.label("hello" + "-".repeat(56) + "f")).isEqualTo("hellof");
  }

  @Test
  void upstreamLongRfc1123Facts() {
    String want = "fdgsf---gs7-fgs--d7fddg1234567890123456789012345678901234567891";
    assertThat(
            RFC1123.label("fd%gsf---gs7-f$gs--d7fddg123456789012345678901234567890123456789-123"))
        .isEqualTo(want);
    assertThat(
            RFC1123.label("%%fdgsf---gs7-fgs--d7fddg123456789012345678901234567890123456789---123"))
        .isEqualTo(want);
    assertThat(RFC1123.label("##fdgsf---gs7-fgs--d7fddg123456789012345678901234567890123456789-"))
        .isEqualTo("fdgsf---gs7-fgs--d7fddg123456789012345678901234567890123456789");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "||",
        ".||",
        "...||",
        "a|a|a",
        "abc.|abc|abc",
        ".a.c|a.c|a.c",
        "a..c.e|a.c.e|a.c.e",
        "space space.com|spacespace.com|spacespace.com",
        "not$1234.com|not1234.com|not1234.com",
        "(@ host . com|host.com|host.com",
        "MiXeDcase.CoM|mixedcase.com|mixedcase.com",
        "marathon.prod|marathon.prod|marathon.prod",
        "pod_123$abc.marathon-0.6.0-dev.mesos|pod-123abc.marathon-0.dev.mesos|pod-123abc.marathon-0.6.0-dev.mesos",
        "chronos with a space AND MIXED CASE-2.0.1|chronoswithaspaceandmixe|chronoswithaspaceandmixedcase-2.0.1",
      })
  void domainFrag(String input, String rfc952, String rfc1123) {
    String in = Objects.toString(input, "");
    assertThat(RFC952.domainFrag(in)).as("RFC952").isEqualTo(Objects.toString(rfc952, ""));
    assertThat(RFC1123.domainFrag(in)).as("RFC1123").isEqualTo(Objects.toString(rfc1123, ""));
  }

  @Test
  void selectedByConfigFlag() {
    assertThat(LabelRules.of(true)).isSameAs(RFC952);
    assertThat(LabelRules.of(false)).isSameAs(RFC1123);
  }
}
