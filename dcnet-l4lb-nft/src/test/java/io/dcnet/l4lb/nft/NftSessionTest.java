package io.dcnet.l4lb.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.process.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link NftSession}: scripts through one real {@code nft -i} inside a fresh namespace, each one
 * transaction; a refused script changes nothing and the next one works; a dead or silent process is
 * an error, not a hang, and the next script starts a new one.
 */
class NftSessionTest {
  private static final String T = "inet dcnet-t-session";

  @Test
  void fitsOnlyScriptsOfCompleteOneLineCommands() {
    assertThat(NftSession.fits("add element " + T + " s { 1.2.3.4 }\n")).isTrue();
    assertThat(NftSession.fits("add chain " + T + " c\nadd rule " + T + " c accept\n")).isTrue();
    assertThat(NftSession.fits("add table " + T + " {\n}\n")).as("a block over lines").isFalse();
    assertThat(NftSession.fits("add table " + T + " } {\n")).isFalse();
    assertThat(NftSession.fits("add element " + T + " s { 1.2.3.4 } # note\n")).isFalse();
    assertThat(NftSession.fits("add rule " + T + " c comment \"x\"\n")).isFalse();
    assertThat(NftSession.fits("add table " + T + " { flags dormant; }\n")).isFalse();
    assertThat(NftSession.fits("x".repeat(NftSession.MAX_SCRIPT_CHARS + 1))).isFalse();
  }

  @Test
  @Tag("root")
  void appliesEachScriptAsOneTransactionInOneProcess() throws Exception {
    try (Netns ns = Netns.create();
        NftSession session = new NftSession(ns.runner(), Duration.ofSeconds(30))) {
      createSet(ns);
      session.apply("add element " + T + " s { 10.0.0.1 }\nadd element " + T + " s { 10.0.0.2 }\n");
      long pid = session.pid();
      session.apply("delete element " + T + " s { 10.0.0.1 }\n");
      assertThat(elements(ns)).contains("10.0.0.2").doesNotContain("10.0.0.1");
      assertThat(session.pid()).isEqualTo(pid).isPositive();
      assertThat(session.starts()).isEqualTo(1);
    }
  }

  @Test
  @Tag("root")
  void aRefusedScriptChangesNothingAndTheNextOneWorks() throws Exception {
    try (Netns ns = Netns.create();
        NftSession session = new NftSession(ns.runner(), Duration.ofSeconds(30))) {
      createSet(ns);
      String refused =
          "add element " + T + " s { 10.0.0.3 }\ndelete element " + T + " s { 10.0.0.9 }\n";
      assertThatThrownBy(() -> session.apply(refused))
          .isInstanceOf(NftSession.Rejected.class)
          .hasMessageStartingWith("Error:")
          .hasMessageContaining("10.0.0.9");
      assertThat(elements(ns)).as("one batch: the add is undone too").doesNotContain("10.0.0.3");
      session.apply("add element " + T + " s { 10.0.0.4 }\n");
      assertThat(elements(ns)).contains("10.0.0.4");
      assertThat(session.starts()).as("a refusal replaces the process").isEqualTo(2);
    }
  }

  @Test
  @Tag("root")
  void aProcessKilledWhileIdleIsReplacedBeforeTheNextScript() throws Exception {
    try (Netns ns = Netns.create();
        NftSession session = new NftSession(ns.runner(), Duration.ofSeconds(30))) {
      createSet(ns);
      session.apply("add element " + T + " s { 10.0.0.1 }\n");
      long first = session.pid();
      ProcessHandle nft = ProcessHandle.of(first).orElseThrow();
      assertThat(nft.destroyForcibly()).isTrue();
      nft.onExit().get(10, TimeUnit.SECONDS);
      session.apply("add element " + T + " s { 10.0.0.2 }\n");
      assertThat(elements(ns)).contains("10.0.0.1", "10.0.0.2");
      assertThat(session.starts()).isEqualTo(2);
      assertThat(session.pid()).isNotEqualTo(first);
    }
  }

  @Test
  @Tag("root")
  void theProcessIsReplacedAfterItsQuotaOfScripts() throws Exception {
    try (Netns ns = Netns.create();
        NftSession session = new NftSession(ns.runner(), Duration.ofSeconds(30))) {
      createSet(ns);
      for (int i = 0; i < NftSession.RECYCLE_AFTER + 1; i++) {
        String op = i % 2 == 0 ? "add" : "delete";
        session.apply(op + " element " + T + " s { 10.0.0.1 }\n");
      }
      assertThat(session.starts()).isEqualTo(2);
      assertThat(elements(ns)).contains("10.0.0.1");
    }
  }

  @Test
  void aSilentProcessTimesOutInsteadOfHanging() {
    try (NftSession session =
        new NftSession(
            CommandRunner.host(), Duration.ofMillis(300), List.of("sh", "-c", "cat > /dev/null"))) {
      assertThatThrownBy(() -> session.apply("add table " + T + "\n"))
          .isInstanceOf(NftSession.NotStarted.class)
          .hasMessageContaining("no answer within 300 ms");
      assertThat(session.pid()).isEqualTo(-1);
    }
  }

  @Test
  void aProcessThatDiesMidScriptIsAnErrorOfUnknownOutcome() {
    // answers the start's marker as nft would, then exits on reading the script
    String fake =
        "read m; printf 'Error: syntax error\\n%s\\n^^^\\n' \"$m\" >&2; read script; exit 7";
    try (NftSession session =
        new NftSession(CommandRunner.host(), Duration.ofSeconds(10), List.of("sh", "-c", fake))) {
      assertThatThrownBy(() -> session.apply("add table " + T + "\n"))
          .isInstanceOf(IOException.class)
          .isNotInstanceOfAny(NftSession.Rejected.class, NftSession.NotStarted.class)
          .hasMessageContaining("the process ended (exit 7)");
      assertThat(session.pid()).isEqualTo(-1);
      assertThat(session.starts()).isEqualTo(1);
    }
  }

  @Test
  void aProcessThatExitsOrAnswersWronglyIsAnError() {
    try (NftSession exits =
            new NftSession(CommandRunner.host(), Duration.ofSeconds(10), List.of("true"));
        NftSession wrong =
            new NftSession(
                CommandRunner.host(),
                Duration.ofSeconds(10),
                List.of("sh", "-c", "while read l; do echo \"$l\" >&2; done"))) {
      assertThatThrownBy(() -> exits.apply("add table " + T + "\n"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("the process ended");
      assertThatThrownBy(() -> wrong.apply("add table " + T + "\n"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("unexpected output");
    }
  }

  /** Table {@link #T} with an empty IPv4 set {@code s}, written by {@code nft -f}. */
  private static void createSet(Netns ns) throws IOException {
    String script = "add table " + T + "\nadd set " + T + " s { type ipv4_addr; }\n";
    ns.runner().run(script.getBytes(StandardCharsets.UTF_8), "nft", "-f", "-");
  }

  private static String elements(Netns ns) throws IOException {
    return ns.runner().run("nft", "list", "set", "inet", "dcnet-t-session", "s");
  }
}
