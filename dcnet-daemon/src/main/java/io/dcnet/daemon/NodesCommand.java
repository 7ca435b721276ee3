package io.dcnet.daemon;

import io.dcnet.rest.node.NodeApiClient;
import io.dcnet.rest.node.NodeApiException;
import io.dcnet.rest.node.NodeRecord;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
  @Option(
      names = "--api",
      paramLabel = "URL",
      description = "the node REST API (default: ${DEFAULT-VALUE})",
      defaultValue = "http://127.0.0.1:62080")
  URI api;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<NodeRecord> nodes;
    try (NodeApiClient client = new NodeApiClient(api, NodeApiClient.DEFAULT_TIMEOUT)) {
      nodes = client.nodes();
    } catch (NodeApiException e) {
      System.err.println("dcnet nodes: " + e.getMessage());
      return 1;
    }
    if (json) {
      List<Map<String, Object>> out =
          nodes.stream()
              .map(
                  n -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("private_ip", n.privateIp());
                    m.put("public_ips", n.publicIps());
                    m.put("hostname", n.hostname());
                    m.put("updated", n.updated().toString());
                    m.put("role", n.role());
                    m.put("reachable", n.reachable());
                    return m;
                  })
              .toList();
      System.out.println(ApiCommandSupport.json(out));
      return 0;
    }
    System.out.print(
        ApiCommandSupport.table(
            List.of("PRIVATE IP", "ROLE", "REACHABLE", "HOSTNAME", "UPDATED"),
            nodes.stream()
                .map(
                    n ->
                        List.of(
                            n.privateIp(),
                            n.role(),
                            n.reachable() ? "yes" : "no",
                            n.hostname(),
                            n.updated().toString()))
                .toList()));
    return 0;
  }
}
