package io.dcnet.daemon.node;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the daemon's data-plane start and stop steps once, in whatever network namespace the JVM was
 * started in ({@code ip netns exec}), for {@link DataPlanesNetnsTest}:
 *
 * <ul>
 *   <li>{@code start-stop <table> <data_plane>}: {@link DataPlanes#create} with that data plane and
 *       table, then {@link DataPlanes#stop}; prints the data plane's kind;
 *   <li>{@code sync-stop <table>}: nftables; a full sync of VIP 11.0.0.1:80, an update that
 *       replaces its backend (through {@code nft -i}), then {@link DataPlanes#stop}; prints the
 *       live child processes before and after the stop;
 *   <li>{@code disabled <table>}: what a node with {@code l4lb.enabled} false does at start.
 * </ul>
 */
public final class DataPlanesMain {
  private DataPlanesMain() {}

  private static NodeConfig config(String table, String dataPlane) throws Exception {
    String json =
        "{\"cluster_id\": \"c0ffee\", \"ip\": \"10.0.0.5\", \"masters\": [\"10.0.0.1\"],"
            + " \"l4lb\": {\"data_plane\": \""
            + dataPlane
            + "\", \"nft_table\": \""
            + table
            + "\"}}";
    return NodeConfigParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Destination backend(String address) throws Exception {
    return new Destination(InetAddress.getByName(address), 80, 1);
  }

  private static long liveChildren() {
    return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
  }

  public static void main(String[] args) throws Exception {
    String table = args[1];
    switch (args[0]) {
      case "start-stop" -> {
        NodeConfig cfg = config(table, args[2]);
        L4DataPlane dp = DataPlanes.create(cfg, new SimpleMeterRegistry());
        System.out.println(dp.kind());
        DataPlanes.stop(dp, cfg);
      }
      case "sync-stop" -> {
        NodeConfig cfg = config(table, "nftables");
        L4DataPlane dp = DataPlanes.create(cfg, new SimpleMeterRegistry());
        ServiceKey vip = new ServiceKey(Protocol.TCP, InetAddress.getByName("11.0.0.1"), 80);
        dp.sync(L4Snapshot.empty().with(vip, List.of(backend("10.9.0.1"))));
        dp.sync(L4Snapshot.empty().with(vip, List.of(backend("10.9.0.2"))));
        long before = liveChildren();
        DataPlanes.stop(dp, cfg);
        System.out.println("children " + before + " " + liveChildren());
      }
      case "disabled" -> {
        NftSupport.removeLeftover(table, "l4lb.enabled is false");
        System.out.println("done");
      }
      default -> throw new IllegalArgumentException("mode: " + args[0]);
    }
  }
}
