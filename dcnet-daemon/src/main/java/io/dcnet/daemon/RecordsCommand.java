package io.dcnet.daemon;

import io.dcnet.rest.node.NodeApiClient;
import io.dcnet.rest.node.NodeJsonRenderer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dcnet records}: the node DNS's records, from the local node's REST API.
 *
 * <p>One instance per command line, used by the picocli main thread only.
 */
@Command(
    name = "records",
    mixinStandardHelpOptions = true,
    versionProvider = Version.Provider.class,
    description = {
      "List the records the local node's DNS answers from.",
      "",
      "Reads GET /v1/records of the node REST API that `dcnet master` and",
      "`dcnet agent` serve on 127.0.0.1:62080: task names under",
      "dcos.thisdcos.directory, the Mesos-DNS mirror under",
      "mesos.thisdcos.directory and the static zones. SRV rows show",
      "target:port in HOST.",
      "",
      "Exit codes: 0 done, 1 the API did not answer or answered an error."
    })
final class RecordsCommand implements Callable<Integer> {
  @Mixin ApiOptions options;

  @Override
  public Integer call() throws Exception {
    return ApiCommandSupport.print(
        "records",
        options,
        NodeApiClient::records,
        NodeJsonRenderer::records,
        List.of("NAME", "TYPE", "HOST"),
        r -> List.of(r.name(), r.rtype(), r.host()));
  }
}
