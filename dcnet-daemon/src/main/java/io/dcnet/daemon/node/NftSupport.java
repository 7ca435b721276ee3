package io.dcnet.daemon.node;

import io.dcnet.core.process.CommandRunner;
import io.dcnet.l4lb.dataplane.DataPlaneException;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.nft.NftDataPlane;
import java.io.IOException;
import java.time.Duration;

/**
 * The nftables data plane on this host: whether {@code nft} can run, and opening dcnet's table.
 *
 * <p>Stateless; thread-safe.
 */
final class NftSupport {
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
