package io.dcnet.daemon;

import io.dcnet.nodedns.api.DnsApiView;
import io.dcnet.rest.node.NodeApiClient;
import io.dcnet.rest.node.NodeApiException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
    List<DnsApiView.RecordEntry> records;
    try (NodeApiClient client = new NodeApiClient(api, NodeApiClient.DEFAULT_TIMEOUT)) {
      records = client.records();
    } catch (NodeApiException e) {
      System.err.println("dcnet records: " + e.getMessage());
      return 1;
    }
    if (json) {
      System.out.println(ApiCommandSupport.json(records));
      return 0;
    }
    System.out.print(
        ApiCommandSupport.table(
            List.of("NAME", "TYPE", "HOST"),
            records.stream().map(r -> List.of(r.name(), r.rtype(), r.host())).toList()));
    return 0;
  }
}
