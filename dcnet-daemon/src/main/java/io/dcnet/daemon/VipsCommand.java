package io.dcnet.daemon;

import io.dcnet.l4lb.api.VipBackendEntry;
import io.dcnet.rest.node.NodeApiClient;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dcnet vips}: the VIPs and their backends, from the local node's REST API.
 *
 * <p>One instance per command line, used by the picocli main thread only.
 */
@Command(
    name = "vips",
    mixinStandardHelpOptions = true,
    versionProvider = Version.Provider.class,
    description = {
      "List the L4 load balancer's VIPs and their backends as the local node sees them.",
      "",
      "Reads GET /v1/vips of the node REST API on 127.0.0.1:62080: every VIP",
      "(named VIPs as <name>.l4lb.thisdcos.directory:port), its protocol and the",
      "ip:port of each backend, as the node's data plane is told to install them.",
      "",
      "Exit codes: 0 done, 1 the API did not answer or answered an error."
    })
final class VipsCommand implements Callable<Integer> {
  @Mixin ApiOptions options;

  @Override
  public Integer call() throws Exception {
    return ApiCommandSupport.print(
        "vips",
        options,
        NodeApiClient::vips,
        list -> list,
        List.of("VIP", "PROTOCOL", "BACKENDS"),
        v ->
            List.of(
                v.vip(),
                v.protocol(),
                v.backend().isEmpty()
                    ? "-"
                    : v.backend().stream()
                        .map(VipsCommand::hostPort)
                        .collect(Collectors.joining(" "))));
  }

  private static String hostPort(VipBackendEntry b) {
    return (b.ip().contains(":") ? "[" + b.ip() + "]" : b.ip()) + ":" + b.port();
  }
}
