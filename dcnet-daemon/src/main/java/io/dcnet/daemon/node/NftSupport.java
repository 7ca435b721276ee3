package io.dcnet.daemon.node;

import io.dcnet.core.process.CommandRunner;
import io.dcnet.core.process.Privileges;
import io.dcnet.l4lb.dataplane.DataPlaneException;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.nft.NftDataPlane;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nftables data plane on this host: whether {@code nft} can run, opening dcnet's table and
 * removing one left by an earlier run.
 *
 * <p>Stateless; thread-safe.
 */
final class NftSupport {
  private static final Logger LOG = LoggerFactory.getLogger(NftSupport.class);

  private NftSupport() {}

  /** True when {@code nft --version} runs. */
  static boolean available() {
    try {
      CommandRunner.host().run("nft", "--version");
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Removes table {@code inet <table>} left by an earlier run with the nftables data plane, when
   * this process may (root, {@code nft} runs); logs one INFO line with {@code why} when it did, a
   * WARN when it could not.
   */
  static void removeLeftover(String table, String why) {
    if (!Privileges.isRoot() || !available()) {
      return;
    }
    try {
      if (NftDataPlane.removeLeftover(table, CommandRunner.host())) {
        LOG.info("l4lb: removed table inet {} left by an earlier run ({})", table, why);
      }
    } catch (DataPlaneException e) {
      LOG.warn("l4lb: {}; its VIP rules stay until it is deleted by hand", e.getMessage());
    }
  }

  /** Opens (and takes over) table {@code inet <table>} in this host's network namespace. */
  static L4DataPlane create(String table) throws IOException {
    try {
      // reading back a 10,000-service table takes several seconds inside nft (dcnet-l4lb-nft
      // README)
      return NftDataPlane.open(table, CommandRunner.host().withTimeout(Duration.ofMinutes(2)));
    } catch (DataPlaneException e) {
      throw new IOException("l4lb.data_plane nftables: " + e.getMessage(), e);
    }
  }
}
