package io.dcnet.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {
  @Test
  void passesLargeInputAndOutputWithoutDeadlock() throws IOException {
    byte[] big = "x".repeat(4 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);
    CommandRunner.Result r = CommandRunner.host().run(big, "cat");
    assertThat(r.stdout()).hasSize(big.length);
  }

  @Test
  void nonZeroExitNamesCommandCodeAndError() {
    assertThatThrownBy(() -> CommandRunner.host().run("sh", "-c", "echo boom >&2; exit 3"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("sh -c")
        .hasMessageContaining("exit 3")
        .hasMessageContaining("boom");
  }

  @Test
  void timeLimitKillsTheProcess() {
    CommandRunner r = CommandRunner.host().withTimeout(Duration.ofMillis(200));
    assertThatThrownBy(() -> r.run("sleep", "5")).hasMessageContaining("no exit within 200 ms");
  }

  @Test
  void missingBinaryIsAClearError() {
    assertThatThrownBy(() -> CommandRunner.host().run("dcnet-no-such-binary"))
        .hasMessageContaining("dcnet-no-such-binary: cannot start");
  }

  @Test
  void rejectsBadNamespaceNames() {
    assertThatThrownBy(() -> CommandRunner.inNamespace("a b"))
        .hasMessageContaining("namespace: a b");
  }
}
