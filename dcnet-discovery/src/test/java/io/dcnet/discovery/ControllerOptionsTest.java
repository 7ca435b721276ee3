package io.dcnet.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.net.HostResolver;
import io.dcnet.core.net.IpLiterals;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ControllerOptionsTest {

  @Test
  void defaultsAreDcosNetsAndBadValuesNameTheField() {
    ControllerOptions d = ControllerOptions.defaults();
    assertThat(d.publishInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.awaitAgents()).isEqualTo(Duration.ofMinutes(10));
    assertThat(d.awaitTasks()).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(
            () ->
                new ControllerOptions(
                    Duration.ZERO,
                    d.awaitAgents(),
                    d.awaitTasks(),
                    d.mastersRefresh(),
                    d.tickInterval()))
        .hasMessage("publishInterval: PT0S (expected: > 0)");
    assertThatThrownBy(
            () ->
                new ControllerOptions(
                    d.publishInterval(),
                    Duration.ofSeconds(-1),
                    d.awaitTasks(),
                    d.mastersRefresh(),
                    d.tickInterval()))
        .hasMessage("awaitAgents: PT-1S (expected: >= 0)");
  }

  @Test
  void resolversNeverTouchDnsForLiterals() {
    assertThat(HostResolver.literalsOnly().resolve("fd01::1"))
        .containsExactly(IpLiterals.parse("fd01::1").orElseThrow());
    assertThat(HostResolver.literalsOnly().resolve("agent.example")).isEmpty();
    assertThat(HostResolver.system().resolve("10.1.2.3")).hasSize(1);
    assertThat(HostResolver.system().resolve("")).isEmpty();
  }
}
