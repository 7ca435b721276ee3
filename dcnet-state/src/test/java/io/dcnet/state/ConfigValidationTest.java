package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {
  @Test
  void clusterIdMustBeUsableInTheSystemName() {
    assertThatThrownBy(() -> ClusterStateConfig.builder("bad id!", "n1", NodeRole.AGENT).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("clusterId: bad id! (expected:");
    ClusterStateConfig ok =
        ClusterStateConfig.builder(
                "6a0f1e5c-1b2d-4c3e-9f00-0123456789ab", "10.0.0.1", NodeRole.AGENT)
            .build();
    assertThat(ok.systemName()).isEqualTo("dcnet-6a0f1e5c-1b2d-4c3e-9f00-0123456789ab");
    assertThat(ok.unreachableRemoval()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void otherFieldsAreValidatedWithTheirNames() {
    assertThatThrownBy(
            () ->
                ClusterStateConfig.builder("c1", "n1", NodeRole.AGENT)
                    .seeds(List.of("10.0.0.1"))
                    .build())
        .hasMessage("seeds: 10.0.0.1 (expected: host:port, port 1-65535)");
    assertThatThrownBy(
            () -> ClusterStateConfig.builder("c1", "n1", NodeRole.AGENT).bind("h", 70000).build())
        .hasMessage("bindPort: 70000 (expected: 0-65535)");
    assertThatThrownBy(() -> ClusterStateConfig.builder("c1", "a b", NodeRole.AGENT).build())
        .hasMessageStartingWith("nodeId: a b (expected:");
    assertThatThrownBy(() -> NodeRole.parse("boss"))
        .hasMessage("role: boss (expected: master or agent)");
    assertThat(NodeRole.parse("Master")).isEqualTo(NodeRole.MASTER);
  }

  @Test
  void keyNamesFollowTheLayout() {
    assertThat(StateKeys.dnsZone("ThisDCOS.Directory")).isEqualTo("dns/zones/thisdcos.directory");
    assertThat(StateKeys.vips(3)).isEqualTo("l4lb/vips/03");
    assertThat(StateKeys.vipBucket("/web:80")).isBetween(0, StateKeys.VIP_BUCKETS - 1);
    assertThat(StateKeys.overlay("dcos")).isEqualTo("overlay/dcos");
    assertThatThrownBy(() -> StateKey.of("a//b", String.class))
        .hasMessageStartingWith("key: a//b (expected:");
    assertThatThrownBy(() -> StateKey.of("dcnet/index", String.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StateKeys.vips(16)).hasMessage("bucket: 16 (expected: 0-15)");
  }
}
