package io.dcnet.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.process.CommandRunner;
import io.dcnet.l4lb.nft.Netns;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The nftables table's lifetime across daemon starts and stops (decision 011), with the daemon's
 * own {@link DataPlanes} and {@link NftSupport} code run in a JVM inside a fresh namespace ({@link
 * DataPlanesMain}): stopping keeps the table; starting with another data plane, or with l4lb off,
 * removes a leftover table of the configured name and no other. Stopping also ends the data plane's
 * {@code nft -i} process (decision 012).
 */
@Tag("root")
class DataPlanesNetnsTest {
  private static final String TABLE = "dcnet-t-lifetime";
  private static final String OTHER = "dcnet-t-other";

  private Netns ns;
  private CommandRunner inside;

  @BeforeEach
  void createNamespace() throws IOException {
    ns = Netns.create();
    inside = ns.runner().withTimeout(Duration.ofSeconds(60)); // long enough for a JVM start
  }

  @AfterEach
  void deleteNamespace() {
    ns.close();
  }

  @Test
  void stoppingKeepsTheTableAndAnotherDataPlaneRemovesIt() throws Exception {
    // the table an earlier nftables run left (open installs nothing; the first sync would replace
    // it, and no sync runs here)
    inside.run("nft", "add", "table", "inet", TABLE);
    inside.run("nft", "add", "chain", "inet", TABLE, "marker");
    inside.run("nft", "add", "table", "inet", OTHER);

    assertThat(daemon("start-stop", TABLE, "nftables")).isEqualTo("nftables");
    assertThat(inside.run("nft", "list", "chains", "inet"))
        .as("started and stopped with nftables: the table is kept")
        .contains("table inet " + TABLE, "chain marker");

    assertThat(daemon("start-stop", TABLE, "userspace")).isEqualTo("userspace");
    assertThat(tables().lines()).doesNotContain("table inet " + TABLE);
    assertThat(tables()).as("another table is not touched").contains("table inet " + OTHER);
  }

  @Test
  void stoppingEndsTheNftSessionAndKeepsTheLastUpdate() throws Exception {
    assertThat(daemon("sync-stop", TABLE))
        .as("live child processes before and after the stop: nft -i, then none")
        .isEqualTo("children 1 0");
    assertThat(inside.run("nft", "list", "map", "inet", TABLE, "slots4-tcp"))
        .as("the update is in the table the stop left")
        .contains("10.9.0.2")
        .doesNotContain("10.9.0.1");
  }

  @Test
  void aNodeWithL4lbOffRemovesALeftoverTable() throws Exception {
    inside.run("nft", "add", "table", "inet", TABLE);
    assertThat(daemon("disabled", TABLE)).isEqualTo("done");
    assertThat(tables().lines()).doesNotContain("table inet " + TABLE);
    assertThat(daemon("disabled", TABLE)).as("nothing left: a no-op").isEqualTo("done");
  }

  private String tables() throws IOException {
    return inside.run("nft", "list", "tables");
  }

  /** Runs {@link DataPlanesMain} in the namespace; returns its last output line. */
  private String daemon(String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] cmd = new String[args.length + 5];
    cmd[0] = java;
    cmd[1] = "-XX:TieredStopAtLevel=1";
    cmd[2] = "-cp";
    cmd[3] = System.getProperty("java.class.path");
    cmd[4] = DataPlanesMain.class.getName();
    System.arraycopy(args, 0, cmd, 5, args.length);
    String out = inside.run(cmd).strip();
    return out.substring(out.lastIndexOf('\n') + 1);
  }
}
