package io.dcnet.mesos.emulator;

import com.sun.net.httpserver.HttpServer;
import io.dcnet.core.lifecycle.DaemonThreads;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the emulator's HTTP servers on one shared, cached, daemon thread pool (threads are named
 * {@code mesos-emu-N}), and binds the masters all on the same port.
 *
 * <p>Thread-safe: the pool is thread-safe; servers are created and stopped by the emulator.
 */
final class EmulatorServers {
  static final String THREAD_PREFIX = "mesos-emu-";
  private static final int BIND_ATTEMPTS = 20;

  private final AtomicInteger threads = new AtomicInteger();
  private final ExecutorService pool;

  EmulatorServers() {
    ThreadFactory tf = DaemonThreads.named(THREAD_PREFIX + threads.incrementAndGet());
    pool = Executors.newCachedThreadPool(tf);
  }

  /**
   * Binds one server per address, all on one port: {@code fixedPort}, or an ephemeral one when it
   * is 0 (retrying on a clash).
   */
  List<HttpServer> bindMasters(List<String> addresses, int fixedPort) throws IOException {
    BindException last = null;
    int attempts = fixedPort == 0 ? BIND_ATTEMPTS : 1;
    for (int attempt = 0; attempt < attempts; attempt++) {
      List<HttpServer> servers = new ArrayList<>();
      int port = fixedPort;
      try {
        for (String a : addresses) {
          HttpServer s =
              HttpServer.create(new InetSocketAddress(InetAddress.getByName(a), port), 64);
          servers.add(s);
          port = s.getAddress().getPort();
        }
        return servers;
      } catch (BindException e) {
        last = e;
        servers.forEach(s -> s.stop(0));
      }
    }
    throw new IOException(
        "masterAddresses: " + addresses + " (could not bind them all on one port)", last);
  }

  HttpServer bind(String address) throws IOException {
    return HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 64);
  }

  void start(HttpServer server) {
    server.setExecutor(pool);
    server.start();
  }

  /** Stops the pool after the servers were stopped; waits up to 5 s for its threads. */
  void shutdown() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
  }
}
