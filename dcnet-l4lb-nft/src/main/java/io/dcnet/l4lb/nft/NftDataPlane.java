package io.dcnet.l4lb.nft;

import io.dcnet.core.process.CommandRunner;
import io.dcnet.l4lb.dataplane.DataPlaneException;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel L4 data plane: dcnet owns one nftables table ({@code inet <table>}) and replaces it
 * whole with one {@code nft -f -} transaction per {@link #sync}, so the kernel switches from the
 * old rules to the new ones atomically. Later syncs send only the difference, also one transaction,
 * through a long-lived {@code nft -i} ({@link NftUpdateChannel}, {@link NftSession}); when it
 * cannot start, updates go through {@code nft -f} too, and after {@value
 * NftSessionBackoff#FAILURES_TO_PAUSE} failures of that process in a row they do so for a while
 * ({@link NftSessionBackoff}: 10 min, doubling to 1 h). {@link #installed} lists the table as JSON
 * and parses it; there is no cache. {@link #quickCheck} lists only the chains ({@link
 * NftChainCheck}). Established flows survive a sync because their NAT bindings live in conntrack,
 * not in the table.
 *
 * <p>Not thread-safe: confined to the sync thread, like every {@link L4DataPlane}, except {@link
 * #release}, which a stop may call from another thread (the session it closes is synchronized).
 */
public final class NftDataPlane implements L4DataPlane {
  /** The default table name. */
  public static final String DEFAULT_TABLE = "dcnet-l4lb";

  private static final Logger log = LoggerFactory.getLogger(NftDataPlane.class);

  private final String table;
  private final CommandRunner runner;

  /** What the last successful sync wrote; null = unknown, so the next sync replaces the table. */
  private L4Snapshot lastApplied;

  private long replacements;

  /** Sends incremental updates (through {@code nft -i} when it can). */
  private final NftUpdateChannel updates;

  /** The chains {@link #lastApplied} needs, computed on the first quick check after a sync. */
  private TreeSet<String> expectedChains;

  private NftDataPlane(
      String table, CommandRunner runner, NftSession session, LongSupplier nanoClock) {
    this.table = table;
    this.runner = runner;
    this.updates = new NftUpdateChannel(table, session, this::apply, nanoClock);
  }

  /**
   * A data plane whose updates go through {@code session} (tests: a session that fails), on a
   * monotonic nanosecond clock.
   */
  static NftDataPlane withSession(
      String table, CommandRunner runner, NftSession session, LongSupplier nanoClock) {
    NftRenderer.checkTableName(table);
    return new NftDataPlane(table, runner, session, nanoClock);
  }

  /**
   * A data plane over table {@code inet <table>}, running {@code nft} through {@code runner} (which
   * may point into a network namespace). Checks that {@code nft} can run; installs nothing.
   *
   * @throws DataPlaneException when {@code nft} is missing or cannot run
   * @throws IllegalArgumentException when the table name is malformed
   */
  public static NftDataPlane open(String table, CommandRunner runner) throws DataPlaneException {
    return open(table, runner, true);
  }

  /**
   * As {@link #open(String, CommandRunner)}; with {@code useSession} false every update spawns
   * {@code nft -f} (the way before decision 012, kept for side-by-side benchmarks).
   */
  public static NftDataPlane open(String table, CommandRunner runner, boolean useSession)
      throws DataPlaneException {
    NftRenderer.checkTableName(table);
    Objects.requireNonNull(runner, "runner");
    try {
      runner.run("nft", "--version");
    } catch (IOException e) {
      throw new DataPlaneException(
          "nft: cannot run ("
              + e.getMessage()
              + "); the nftables data plane needs the nft binary (package nftables) and root"
              + " (CAP_NET_ADMIN), or use the userspace data plane",
          e);
    }
    return new NftDataPlane(
        table, runner, useSession ? NftSession.open(runner) : null, System::nanoTime);
  }

  /**
   * Deletes table {@code inet <table>} if it exists, for a node that no longer uses the nftables
   * data plane (l4lb off, or another data plane) but ran it before: the table outlives the process
   * on purpose (a restart must not break VIP traffic), so stale DNAT rules would otherwise stay.
   *
   * @return true when a table was there and is now deleted
   * @throws DataPlaneException when {@code nft} cannot list or delete it
   * @throws IllegalArgumentException when the table name is malformed
   */
  public static boolean removeLeftover(String table, CommandRunner runner)
      throws DataPlaneException {
    String script = NftRenderer.renderDelete(table);
    try {
      String tables = runner.run("nft", "list", "tables", "inet");
      if (!tables.lines().map(String::strip).toList().contains("table inet " + table)) {
        return false;
      }
      runner.run(script.getBytes(StandardCharsets.UTF_8), "nft", "-f", "-");
      return true;
    } catch (IOException e) {
      throw new DataPlaneException(
          "cannot remove leftover table inet " + table + ": " + e.getMessage(), e);
    }
  }

  /** The nftables table this data plane owns (family {@code inet}). */
  public String table() {
    return table;
  }

  /**
   * How many syncs replaced the whole table (the first one, and any after an error, a failed
   * incremental update or a read-back that differed); the others were incremental updates.
   */
  public long replacements() {
    return replacements;
  }

  @Override
  public String kind() {
    return "nftables";
  }

  @Override
  public void sync(L4Snapshot desired) throws DataPlaneException {
    long start = System.nanoTime();
    String how = "replaced";
    if (lastApplied != null) {
      try {
        String update = render(() -> NftUpdateRenderer.render(lastApplied, desired, table));
        if (!update.isEmpty()) {
          updates.apply(update);
        }
        how = "updated";
      } catch (DataPlaneException e) {
        log.warn(
            "table inet {}: incremental update failed, replacing the table: {}",
            table,
            e.getMessage());
        lastApplied = null;
      }
    }
    if (lastApplied == null) {
      apply(render(() -> NftRenderer.render(desired, table)));
      replacements++;
    }
    lastApplied = desired;
    expectedChains = null;
    log.debug(
        "table inet {} {}: {} services, {} destinations in {} ms",
        table,
        how,
        desired.serviceCount(),
        desired.destinationCount(),
        (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public L4Snapshot installed() throws DataPlaneException {
    String json;
    try {
      json = runner.run("nft", "-j", "list", "table", "inet", table);
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("No such file or directory")) {
        return L4Snapshot.empty();
      }
      throw new DataPlaneException("cannot list table inet " + table + ": " + e.getMessage(), e);
    }
    try {
      L4Snapshot found = NftTableParser.parse(json);
      if (!found.equals(lastApplied)) {
        // changed behind our back (or never written by us): the next sync replaces the table
        lastApplied = null;
      }
      return found;
    } catch (IOException | IllegalArgumentException e) {
      lastApplied = null;
      throw new DataPlaneException("cannot read table inet " + table + ": " + e.getMessage(), e);
    }
  }

  /**
   * Lists the table's chains ({@code nft -j list chains inet}, milliseconds even at 10,000 VIPs)
   * and compares them with those of the last sync. A finding makes the next sync replace the table.
   */
  @Override
  public Optional<String> quickCheck() throws DataPlaneException {
    if (lastApplied == null) {
      return Optional.of("table inet " + table + ": state unknown (not written since start)");
    }
    TreeSet<String> found;
    try {
      found = NftChainCheck.installed(runner.run("nft", "-j", "list", "chains", "inet"), table);
    } catch (IOException e) {
      throw new DataPlaneException(
          "cannot list chains of inet " + table + ": " + e.getMessage(), e);
    }
    if (expectedChains == null) {
      expectedChains = NftChainCheck.expected(lastApplied);
    }
    Optional<String> finding = NftChainCheck.compare(expectedChains, found);
    if (finding.isPresent()) {
      lastApplied = null;
      return Optional.of("table inet " + table + ": " + finding.get());
    }
    return finding;
  }

  /** Ends the {@code nft -i} process and leaves the table as it is (a daemon stop). */
  @Override
  public void release() {
    updates.release();
  }

  /** How many {@code nft -i} processes have been started (0 while updates use {@code nft -f}). */
  public long sessionStarts() {
    return updates.sessionStarts();
  }

  /** The {@code nft -i} process's id, or -1 when none runs (tests). */
  long sessionPid() {
    return updates.sessionPid();
  }

  @Override
  public void close() {
    release();
    lastApplied = null;
    try {
      apply(NftRenderer.renderDelete(table));
    } catch (DataPlaneException e) {
      log.warn("could not delete table inet {}: {}", table, e.getMessage());
    }
  }

  private String render(Supplier<String> renderer) throws DataPlaneException {
    try {
      return renderer.get();
    } catch (IllegalArgumentException e) {
      throw new DataPlaneException("cannot render table inet " + table + ": " + e.getMessage(), e);
    }
  }

  private void apply(String script) throws DataPlaneException {
    try {
      runner.run(script.getBytes(StandardCharsets.UTF_8), "nft", "-f", "-");
    } catch (IOException e) {
      throw new DataPlaneException(
          "nft -f failed for table inet " + table + ": " + e.getMessage(), e);
    }
  }
}
