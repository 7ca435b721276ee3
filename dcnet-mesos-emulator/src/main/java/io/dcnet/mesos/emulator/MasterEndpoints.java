package io.dcnet.mesos.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.List;

/**
 * The masters' HTTP servers: bound first (all on one port, which fixes the {@link MasterTopology}),
 * then serving one {@link MasterHandler} each once the cluster exists, until stopped.
 *
 * <p>Thread-safe: the server list is fixed at construction; {@link #serve} is called once by the
 * starting thread before the emulator is published, {@link #stopAll} by whichever thread closes it.
 */
final class MasterEndpoints {
  private final EmulatorServers servers;
  private final List<HttpServer> bound;
  private final MasterTopology topology;

  private MasterEndpoints(EmulatorServers servers, List<HttpServer> bound, List<String> addresses) {
    this.servers = servers;
    this.bound = List.copyOf(bound);
    this.topology = new MasterTopology(addresses, bound.get(0).getAddress().getPort());
  }

  /** Binds one server per address, all on {@code port} (0 = a free one); nothing served yet. */
  static MasterEndpoints bind(EmulatorServers servers, List<String> addresses, int port)
      throws IOException {
    return new MasterEndpoints(servers, servers.bindMasters(addresses, port), addresses);
  }

  MasterTopology topology() {
    return topology;
  }

  /** Starts serving: master {@code i} gets a {@link MasterHandler} for index {@code i}. */
  void serve(ClusterController cluster, RequestCounter requests, String token) {
    for (int i = 0; i < bound.size(); i++) {
      bound.get(i).createContext("/", new MasterHandler(cluster, requests, token, i));
      servers.start(bound.get(i));
    }
  }

  void stopAll() {
    bound.forEach(s -> s.stop(0));
  }
}
