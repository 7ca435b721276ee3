package io.dcnet.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  void startedChildReadsInputWritesErrorsAndSeesTheGivenEnvironment() throws Exception {
    Process p =
        CommandRunner.host()
            .start(
                Map.of("DCNET_TEST_VALUE", "seen"),
                "sh",
                "-c",
                "echo out; read line; echo \"$line $DCNET_TEST_VALUE\" >&2");
    try (BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      p.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().flush();
      assertThat(err.readLine()).isEqualTo("hello seen");
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(p.getInputStream().read()).as("standard output is discarded").isEqualTo(-1);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void startOfAMissingBinaryIsAClearError() {
    assertThatThrownBy(() -> CommandRunner.host().start(Map.of(), "dcnet-no-such-binary"))
        .hasMessageContaining("dcnet-no-such-binary: cannot start");
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
