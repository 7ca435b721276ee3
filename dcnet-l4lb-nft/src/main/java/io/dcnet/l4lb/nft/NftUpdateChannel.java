package io.dcnet.l4lb.nft;

import io.dcnet.l4lb.dataplane.DataPlaneException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link NftDataPlane} sends an incremental update script: through its long-lived {@code nft
 * -i} ({@link NftSession}) when there is one, the script {@link NftSession#fits} and {@link
 * NftSessionBackoff} allows it, else through {@code nft -f} (the given fallback). A session that
 * cannot start is dropped for good (nft built without its interactive mode, say); one that keeps
 * failing is paused.
 *
 * <p>Not thread-safe: confined to the data plane's sync thread, except {@link #release}, which a
 * stop may call from another thread (the session it closes is synchronized).
 */
final class NftUpdateChannel {
  private static final Logger log = LoggerFactory.getLogger(NftUpdateChannel.class);

  /** Applies a script through {@code nft -f}. */
  @FunctionalInterface
  interface NftF {
    void apply(String script) throws DataPlaneException;
  }

  private final String table;
  private final NftF nftF;
  private final NftSessionBackoff backoff;

  /** The session; null when not used (turned off, or it cannot start). Volatile for release. */
  private volatile NftSession session;

  NftUpdateChannel(String table, NftSession session, NftF nftF, LongSupplier nanoClock) {
    this.table = table;
    this.session = session;
    this.nftF = nftF;
    this.backoff = new NftSessionBackoff(nanoClock);
  }

  /**
   * Applies {@code script} as one transaction.
   *
   * @throws DataPlaneException when nft refused it (nothing changed) or the session failed (the
   *     outcome is unknown); either way the caller replaces the table
   */
  void apply(String script) throws DataPlaneException {
    if (session == null || !NftSession.fits(script) || !sessionUsable()) {
      nftF.apply(script);
      return;
    }
    try {
      session.apply(script);
      backoff.answered();
    } catch (NftSession.NotStarted e) {
      // nothing was sent, so this update still goes through nft -f
      session.close();
      session = null;
      log.warn("table inet {}: {}; updates now spawn nft -f", table, e.getMessage());
      nftF.apply(script);
    } catch (NftSession.Rejected e) {
      backoff.answered();
      throw new DataPlaneException(
          "nft refused the update of table inet " + table + ": " + e.getMessage(), e);
    } catch (IOException e) {
      Duration pause = backoff.failed();
      if (pause != null) {
        session.close();
        log.warn(
            "table inet {}: nft -i failed {} times in a row, updates spawn nft -f for {} min: {}",
            table,
            NftSessionBackoff.FAILURES_TO_PAUSE,
            pause.toMinutes(),
            e.getMessage());
      }
      throw new DataPlaneException(
          "nft -i failed for table inet " + table + ": " + e.getMessage(), e);
    }
  }

  private boolean sessionUsable() {
    boolean wasPaused = backoff.paused();
    boolean usable = backoff.usable();
    if (wasPaused && usable) {
      log.info("table inet {}: trying nft -i for updates again", table);
    }
    return usable;
  }

  /** Ends the {@code nft -i} process, if any (a later update starts a new one). */
  void release() {
    NftSession s = session;
    if (s != null) {
      s.close();
    }
  }

  /** How many {@code nft -i} processes have been started (0 while updates use {@code nft -f}). */
  long sessionStarts() {
    NftSession s = session;
    return s == null || backoff.paused() ? 0 : s.starts();
  }

  /** The {@code nft -i} process's id, or -1 when none runs. */
  long sessionPid() {
    NftSession s = session;
    return s == null ? -1 : s.pid();
  }
}
