package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoPortsTest {
  @Test
  void aNodesThreePortsAreAllDifferentEvenWhenTheSamePortIsPreferredForAll() throws Exception {
    int p = DemoPorts.free("127.0.0.1", true);

    DemoPorts.NodePorts ports = DemoPorts.forNode("127.0.0.1", p, new int[] {p}, p);

    assertThat(ports.state()).isEqualTo(p);
    assertThat(ports.dns()).isNotEqualTo(p);
    assertThat(ports.rest()).isNotIn(p, ports.dns());
    assertThat(DemoPorts.isFree("127.0.0.1", ports.dns(), true)).isTrue();
  }

  @Test
  void freePortsAreDifferentForOneNodeWithoutPreferences() throws Exception {
    for (int i = 0; i < 20; i++) {
      DemoPorts.NodePorts ports = DemoPorts.forNode("127.0.0.1", 0, new int[0], 0);
      assertThat(ports.state()).isNotIn(ports.dns(), ports.rest());
      assertThat(ports.dns()).isNotEqualTo(ports.rest());
    }
  }
}
