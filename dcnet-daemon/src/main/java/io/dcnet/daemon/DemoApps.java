package io.dcnet.daemon;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's "tasks": real HTTP servers on loopback, each answering with its app name and instance,
 * so that a {@code curl} through a DNS answer shows which instance was reached.
 *
 * <p>Thread-safe; {@link #close()} stops every server.
 */
final class DemoApps implements AutoCloseable {
  /** One running instance. */
  record Instance(String app, int index, String ip, int port) {}

  private final List<HttpServer> servers = new ArrayList<>();
  private final List<Instance> instances = new ArrayList<>();
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

  /** Starts one more instance of {@code app} on {@code ip}, on a free port. */
  synchronized Instance add(String app, String ip) throws IOException {
    int index = (int) instances.stream().filter(x -> x.app().equals(app)).count() + 1;
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(ip), 0), 16);
    int port = s.getAddress().getPort();
    byte[] body =
        ("hello from " + app + " instance " + index + " (" + ip + ":" + port + ")\n")
            .getBytes(StandardCharsets.UTF_8);
    s.createContext(
        "/",
        exchange -> {
          try (exchange;
              OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            out.write(body);
          }
        });
    s.setExecutor(pool);
    s.start();
    servers.add(s);
    Instance inst = new Instance(app, index, ip, port);
    instances.add(inst);
    return inst;
  }

  synchronized List<Instance> instances() {
    return List.copyOf(instances);
  }

  @Override
  public synchronized void close() {
    servers.forEach(s -> s.stop(0));
    pool.shutdownNow();
  }
}
