package io.dcnet.bench.l4lb;

import io.dcnet.core.process.CommandRunner;
import io.dcnet.l4lb.dataplane.DataPlaneException;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.nft.NftDataPlane;
import io.dcnet.l4lb.proxy.ProxyDataPlane;
import io.dcnet.l4lb.proxy.ProxyOptions;
import java.time.Duration;

/** Opens the data plane named by {@code --plane}. Stateless. */
final class Planes {
  private Planes() {}

  /** The command runner for nft: inside {@code --netns} when given, 5 min limit (10k readback). */
  static CommandRunner runner(BenchOptions opts) {
    String ns = opts.get("netns", "");
    CommandRunner r = ns.isEmpty() ? CommandRunner.host() : CommandRunner.inNamespace(ns);
    return r.withTimeout(Duration.ofMinutes(5));
  }

  static String table(BenchOptions opts) {
    return opts.get("table", NftDataPlane.DEFAULT_TABLE);
  }

  static boolean isNft(BenchOptions opts) {
    String plane = opts.require("plane");
    return switch (plane) {
      case "nft", "nftables" -> true;
      case "userspace", "proxy" -> false;
      default ->
          throw new IllegalArgumentException("--plane: " + plane + " (expected: nft or userspace)");
    };
  }

  /** {@code --nft-session on|off} (default on): updates via {@code nft -i} or {@code nft -f}. */
  static boolean nftSession(BenchOptions opts) {
    String v = opts.get("nft-session", "on");
    return switch (v) {
      case "on" -> true;
      case "off" -> false;
      default ->
          throw new IllegalArgumentException("--nft-session: " + v + " (expected: on or off)");
    };
  }

  /** A new data plane; for nft the table is deleted first, so it starts from empty. */
  static L4DataPlane open(BenchOptions opts) throws DataPlaneException {
    if (isNft(opts)) {
      NftDataPlane p = NftDataPlane.open(table(opts), runner(opts), nftSession(opts));
      p.close(); // deletes a leftover table; the next sync is a full install
      return p;
    }
    int threads = opts.getInt("io-threads", ProxyOptions.defaults().ioThreads(), 1, 64);
    ProxyOptions d = ProxyOptions.defaults();
    return new ProxyDataPlane(
        new ProxyOptions(
            threads,
            d.connectTimeout(),
            d.maxConnectAttempts(),
            d.udpSessionIdle(),
            Duration.ofSeconds(60),
            d.freeBind(),
            d.preferEpoll()));
  }
}
