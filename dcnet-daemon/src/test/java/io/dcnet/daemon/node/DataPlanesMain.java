package io.dcnet.daemon.node;

import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;

/**
 * Runs the daemon's data-plane start and stop steps once, in whatever network namespace the JVM was
 * started in ({@code ip netns exec}), for {@link DataPlanesNetnsTest}:
 *
 * <ul>
 *   <li>{@code start-stop <table> <data_plane>}: {@link DataPlanes#create} with that data plane and
 *       table, then {@link DataPlanes#stop}; prints the data plane's kind;
 *   <li>{@code disabled <table>}: what a node with {@code l4lb.enabled} false does at start.
 * </ul>
 */
public final class DataPlanesMain {
  private DataPlanesMain() {}

  public static void main(String[] args) throws Exception {
    String table = args[1];
    switch (args[0]) {
      case "start-stop" -> {
        String json =
            "{\"cluster_id\": \"c0ffee\", \"ip\": \"10.0.0.5\", \"masters\": [\"10.0.0.1\"],"
                + " \"l4lb\": {\"data_plane\": \""
                + args[2]
                + "\", \"nft_table\": \""
                + table
                + "\"}}";
        NodeConfig cfg = NodeConfigParser.parse(json.getBytes(StandardCharsets.UTF_8));
        L4DataPlane dp = DataPlanes.create(cfg, new SimpleMeterRegistry());
        System.out.println(dp.kind());
        DataPlanes.stop(dp, cfg);
      }
      case "disabled" -> {
        NftSupport.removeLeftover(table, "l4lb.enabled is false");
        System.out.println("done");
      }
      default -> throw new IllegalArgumentException("mode: " + args[0]);
    }
  }
}
