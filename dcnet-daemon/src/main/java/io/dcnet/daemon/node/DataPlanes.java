package io.dcnet.daemon.node;

import io.dcnet.core.process.Privileges;
import io.dcnet.l4lb.dataplane.DataPlaneException;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.proxy.ProxyDataPlane;
import io.dcnet.l4lb.proxy.ProxyMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the L4 data plane of {@code l4lb.data_plane}: {@code nftables} (the kernel), {@code
 * userspace} (the Netty proxy), {@code none} (observe only: VIPs are tracked and served on {@code
 * /v1/vips} but nothing is installed), or {@code auto}: nftables when running as root with {@code
 * nft} on the PATH, else userspace. A table left by an earlier nftables run is removed when another
 * data plane is chosen; the nftables table is left in place when the node stops ({@link #stop}).
 *
 * <p>Stateless; thread-safe.
 */
final class DataPlanes {
  private static final Logger LOG = LoggerFactory.getLogger(DataPlanes.class);

  private DataPlanes() {}

  /** The data plane of {@code cfg}; the userspace proxy's counters go to {@code registry}. */
  static L4DataPlane create(NodeConfig cfg, MeterRegistry registry) throws IOException {
    String kind = cfg.l4lb().dataPlane();
    if (L4lbConfig.AUTO.equals(kind)) {
      kind =
          Privileges.isRoot() && NftSupport.available()
              ? L4lbConfig.NFTABLES
              : L4lbConfig.USERSPACE;
      LOG.info("l4lb.data_plane auto: using {}", kind);
    }
    if (!L4lbConfig.NFTABLES.equals(kind)) {
      NftSupport.removeLeftover(cfg.l4lb().nftTable(), "l4lb.data_plane is " + kind);
    }
    return switch (kind) {
      case L4lbConfig.NFTABLES -> NftSupport.create(cfg.l4lb().nftTable());
      case L4lbConfig.USERSPACE -> {
        ProxyDataPlane proxy = ProxyDataPlane.create();
        new ProxyMeterBinder(proxy.stats()).bindTo(registry);
        yield proxy;
      }
      case L4lbConfig.NONE -> new ObserveOnly();
      default -> throw new IllegalArgumentException("l4lb.data_plane: " + kind);
    };
  }

  /**
   * Stops {@code dataPlane} when the node stops. The nftables table stays in the kernel, so VIP
   * connections, new ones included, keep working while dcnet restarts (an upgrade); the next start
   * replaces it in one transaction once the start gate opens, and a start with another data plane
   * or with l4lb off removes it. Every other data plane is closed (the userspace proxy lives in
   * this process anyway).
   */
  static void stop(L4DataPlane dataPlane, NodeConfig cfg) {
    if (L4lbConfig.NFTABLES.equals(dataPlane.kind())) {
      LOG.info(
          "l4lb: leaving table inet {} in place: VIPs keep working until the next start replaces"
              + " it (to remove it: nft delete table inet {})",
          cfg.l4lb().nftTable(),
          cfg.l4lb().nftTable());
      dataPlane.release();
      return;
    }
    dataPlane.close();
  }

  /** {@code none}: installs nothing and reports the last requested snapshot as its state. */
  static final class ObserveOnly implements L4DataPlane {
    private volatile L4Snapshot last = L4Snapshot.empty();

    @Override
    public String kind() {
      return "none";
    }

    @Override
    public void sync(L4Snapshot desired) {
      last = desired;
    }

    @Override
    public L4Snapshot installed() throws DataPlaneException {
      return last;
    }

    @Override
    public void close() {
      last = L4Snapshot.empty();
    }
  }
}
