package io.dcnet.daemon;

import io.dcnet.rest.node.NodeApiClient;
import io.dcnet.rest.node.NodeJsonRenderer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dcnet nodes}: the cluster's nodes, from the local node's REST API.
 *
 * <p>One instance per command line, used by the picocli main thread only.
 */
@Command(
    name = "nodes",
    mixinStandardHelpOptions = true,
    versionProvider = Version.Provider.class,
    description = {
      "List the cluster's nodes as the local node sees them.",
      "",
      "Reads GET /v1/nodes of the node REST API on 127.0.0.1:62080: every",
      "master and agent that published its entry in the replicated state,",
      "and whether it is reachable now.",
      "",
      "Exit codes: 0 done, 1 the API did not answer or answered an error."
    })
final class NodesCommand implements Callable<Integer> {
  @Mixin ApiOptions options;

  @Override
  public Integer call() throws Exception {
    return ApiCommandSupport.print(
        "nodes",
        options,
        NodeApiClient::nodes,
        NodeJsonRenderer::nodes,
        List.of("PRIVATE IP", "ROLE", "REACHABLE", "HOSTNAME", "UPDATED"),
        n ->
            List.of(
                n.privateIp(),
                n.role(),
                n.reachable() ? "yes" : "no",
                n.hostname(),
                NodeJsonRenderer.UPDATED_FORMAT.format(n.updated())));
  }
}
