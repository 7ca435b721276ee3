package io.dcnet.daemon;

import io.dcnet.rest.node.NodeApiClient;
import io.dcnet.rest.node.NodeApiException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The demo's named VIPs: their DNS names and the wait until each one answers HTTP through the
 * master's userspace data plane.
 *
 * <p>Stateless; thread-safe.
 */
final class DemoVips {
  private DemoVips() {}

  /** {@code <app>.marathon.l4lb.thisdcos.directory}. */
  static String name(String app) {
    return app + ".marathon.l4lb.thisdcos.directory";
  }

  /**
   * Waits until {@code master}'s DNS answers every app's VIP name and an HTTP GET through the VIP
   * reaches the app.
   *
   * @throws IOException naming the VIP that did not work within {@code timeout}
   */
  static void await(DemoNode master, List<DemoApps.Instance> instances, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    List<String> apps = instances.stream().map(DemoApps.Instance::app).distinct().toList();
    for (String app : apps) {
      String last = "no A record yet";
      Set<String> want =
          instances.stream()
              .filter(i -> i.app().equals(app))
              .map(i -> i.ip() + ":" + i.port())
              .collect(Collectors.toSet());
      while (true) {
        Set<String> ips = DemoNodeProcesses.a(master, name(app));
        Set<String> backends = backends(master, name(app) + ":" + Demo.VIP_PORT);
        if (!backends.equals(want)) {
          last = "backends " + backends + ", expected " + want;
        } else if (!ips.isEmpty()) {
          String url = "http://" + ips.iterator().next() + ":" + Demo.VIP_PORT + "/";
          try {
            HttpResponse<String> r =
                http.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("hello from " + app)) {
              break;
            }
            last = url + " answered " + r.statusCode();
          } catch (IOException e) {
            last = url + ": " + e;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "VIP "
                  + name(app)
                  + ":"
                  + Demo.VIP_PORT
                  + " did not answer within "
                  + timeout.toSeconds()
                  + " s ("
                  + last
                  + "); log: "
                  + master.logFile());
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  /** {@code ip:port} of every backend of {@code vip} in the node's {@code /v1/vips}. */
  private static Set<String> backends(DemoNode node, String vip) {
    try (NodeApiClient api = new NodeApiClient(URI.create(node.restUrl()), Duration.ofSeconds(2))) {
      return api.vips().stream()
          .filter(v -> v.vip().equals(vip))
          .flatMap(v -> v.backend().stream())
          .map(b -> b.ip() + ":" + b.port())
          .collect(Collectors.toSet());
    } catch (NodeApiException e) {
      return Set.of();
    }
  }
}
