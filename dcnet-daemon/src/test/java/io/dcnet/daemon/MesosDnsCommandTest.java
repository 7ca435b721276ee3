package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: Mesos-DNS's flag spellings, exit codes and messages for bad input. */
class MesosDnsCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static synchronized Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"port\": 70000, \"masters\": [\"127.0.0.1:5050\"]}|port",
        "{\"masters\": []}|masters",
        "{\"masters\": [\"node1:5050\"]}|masters[0]",
        "{\"masters\": [\"127.0.0.1:5050\"], \"IPSources\": [\"netinfo\", \"dockr\"]}|IPSources[1]",
        "{\"masters\": [\"127.0.0.1:5050\"], \"domain\": \"bad_domain.\"}|domain",
        "{\"masters\": [\"127.0.0.1:5050\"], \"resolvers\": [\"dns.google\"]}|resolvers[0]",
        "{\"masters\": [\"127.0.0.1:5050\"], \"refreshSeconds\": \"60\"}|refreshSeconds",
        "{\"masters\": [\"127.0.0.1:5050\"], \"dnson\": false, \"httpon\": false}|httpon",
        "{not json|config",
      })
  void badConfigExitsWithTwoAndNamesTheKey(String json, String key) throws Exception {
    Path f = dir.resolve("config.json");
    Files.writeString(f, json);
    Run r = run("mesos-dns", "-config=" + f);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(key).contains("expected");
  }

  @Test
  void acceptsEverySpellingOfTheConfigFlag() {
    Path missing = dir.resolve("nope.json");
    for (String[] args :
        new String[][] {
          {"mesos-dns", "-config", missing.toString()},
          {"mesos-dns", "-config=" + missing},
          {"mesos-dns", "--config", missing.toString()},
          {"mesos-dns", "--config=" + missing}
        }) {
      Run r = run(args);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("nope.json does not exist");
    }
  }

  @Test
  void versionAndHelp() {
    assertThat(run("mesos-dns", "-version").out()).startsWith("dcnet mesos-dns ");
    Run help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("demo", "mesos-dns", "emulator");
    assertThat(run("mesos-dns", "--help").out()).contains("-config");
    assertThat(run("no-such-command").code()).isEqualTo(2);
  }
}
