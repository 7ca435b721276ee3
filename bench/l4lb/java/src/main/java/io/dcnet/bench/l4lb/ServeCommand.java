package io.dcnet.bench.l4lb;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Installs one TCP VIP (plus {@code --extra-services} unrelated ones, so the lookup runs against a
 * loaded table) and keeps it until standard input reaches end of file, then removes everything.
 * Prints {@code READY ...} on standard output once the VIP is installed.
 *
 * <p>Runs on the main thread; the userspace plane relays on its own event loops.
 */
final class ServeCommand {
  private ServeCommand() {}

  static void run(BenchOptions opts) throws Exception {
    Destination vipEndpoint = BenchSnapshots.parseEndpoint(opts.require("vip"), 1);
    ServiceKey vip = new ServiceKey(Protocol.TCP, vipEndpoint.address(), vipEndpoint.port());
    List<Destination> backends = new ArrayList<>();
    for (String b : opts.require("backend").split(",")) {
      backends.add(BenchSnapshots.parseEndpoint(b.trim(), 1));
    }
    int extra = opts.getInt("extra-services", 0, 0, 60_000);
    TreeMap<ServiceKey, List<Destination>> services = new TreeMap<>();
    if (extra > 0) {
      services.putAll(
          BenchSnapshots.loaded(extra, 5, BenchSnapshots.parseAddress("11.1.0.0"), 80).services());
    }
    services.put(vip, backends);
    L4Snapshot snapshot = new L4Snapshot(services);
    L4DataPlane plane = Planes.open(opts);
    Thread hook = new Thread(plane::close, "l4bench-close");
    Runtime.getRuntime().addShutdownHook(hook);
    long t0 = System.nanoTime();
    plane.sync(snapshot);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println(
        "READY " + plane.kind() + " " + vip + " -> " + backends + " (+" + extra
            + " other services) installed in " + ms + " ms");
    System.out.flush();
    waitForEof(System.in);
    plane.close();
    Runtime.getRuntime().removeShutdownHook(hook);
    System.out.println("CLOSED");
  }

  private static void waitForEof(InputStream in) throws IOException {
    byte[] buf = new byte[256];
    while (in.read(buf) >= 0) {
      // keep serving until the script closes our standard input
    }
  }
}
