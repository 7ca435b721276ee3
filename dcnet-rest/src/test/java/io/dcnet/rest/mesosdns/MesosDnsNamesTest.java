package io.dcnet.rest.mesosdns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MesosDnsNamesTest {
  @Test
  void lookupKeyLowerCasesStripsWildcardsAndAddsTheDot() {
    assertThat(MesosDnsNames.lookupKey("Web.*.Marathon.Mesos")).isEqualTo("web.marathon.mesos.");
    assertThat(MesosDnsNames.lookupKey("a.mesos.")).isEqualTo("a.mesos.");
    assertThat(MesosDnsNames.lookupKey(".*")).isEqualTo(".");
  }

  @Test
  void soaNamesAreNormalisedLikeUpstream() {
    assertThat(MesosDnsNames.mname("ns1.mesos")).isEqualTo("ns1.mesos.");
    assertThat(MesosDnsNames.mname("ns1.mesos.")).isEqualTo("ns1.mesos.");
    assertThat(MesosDnsNames.rname("root@ns1.mesos")).isEqualTo("root.ns1.mesos.");
    assertThat(MesosDnsNames.rname("root.ns1.mesos.")).isEqualTo("root.ns1.mesos.");
  }
}
