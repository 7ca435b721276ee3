package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoWorkDirTest {
  private DemoWorkDir dir;

  @BeforeEach
  void fill() throws IOException {
    dir = DemoWorkDir.create();
    Path node = Files.createDirectories(dir.path().resolve("agent-1/state"));
    Files.writeString(node.resolve("zone.bin"), "x");
    Files.writeString(dir.path().resolve("agent-1/node.log"), "started\n");
  }

  @AfterEach
  void removeLeftover() {
    dir.finish(0, false);
  }

  @Test
  void cleanStopRemovesTheWholeTree() {
    String line = dir.finish(0, false);

    assertThat(dir.path()).doesNotExist();
    assertThat(line).isEqualTo("removed " + dir.path() + " (--keep-logs keeps it)");
  }

  @Test
  void failedRunKeepsTheLogs() {
    String line = dir.finish(1, false);

    assertThat(dir.path().resolve("agent-1/node.log")).hasContent("started");
    assertThat(line).isEqualTo("configs and logs kept in " + dir.path());
  }

  @Test
  void keepLogsKeepsThemAfterACleanStop() {
    dir.finish(0, true);

    assertThat(dir.path().resolve("agent-1/state/zone.bin")).exists();
  }
}
