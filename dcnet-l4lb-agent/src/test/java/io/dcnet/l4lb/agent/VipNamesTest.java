package io.dcnet.l4lb.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VipNamesTest {
  @Test
  void specExamples() {
    assertThat(VipNames.sanitize("/mygroup/myapp", "marathon")).isEqualTo("mygroupmyapp.marathon");
    assertThat(VipNames.sanitize("/foo", "bar")).isEqualTo("foo.bar");
    assertThat(VipNames.sanitize("/api.hello-world", "marathon"))
        .isEqualTo("api.hello-world.marathon");
    assertThat(VipNames.sanitize("overlay-vip", "hello-world"))
        .isEqualTo("overlay-vip.hello-world");
  }

  @Test
  void partsAreSanitizedOneByOne() {
    assertThat(VipNames.sanitize("/My_App", "Chronos With A Space"))
        .isEqualTo("my-app.chronoswithaspace");
    assertThat(VipNames.sanitize("-lead_.-x-", "fw")).isEqualTo("lead.x.fw");
    assertThat(VipNames.sanitize("a..b", "fw")).isEqualTo("a.b.fw");
    assertThat(VipNames.sanitize("x".repeat(70), "fw")).isEqualTo("x".repeat(63) + ".fw");
    assertThat(VipNames.sanitize("app", "")).isEqualTo("app");
  }

  @Test
  void nothingLeftIsEmpty() {
    assertThat(VipNames.sanitize("/", "marathon")).isEmpty();
    assertThat(VipNames.sanitize("//..", "marathon")).isEmpty();
  }
}
