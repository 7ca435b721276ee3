package io.dcnet.daemon;

import io.dcnet.state.NodeRole;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dcnet master --config FILE}: see {@link NodeCommand}.
 *
 * <p>One instance per command line, used by the picocli main thread only.
 */
@Command(
    name = "master",
    mixinStandardHelpOptions = true,
    versionProvider = Version.Provider.class,
    description = {
      "Run dcnet on a Mesos master (cluster state seed, task DNS, node DNS).",
      "",
      "A seed member of the replicated cluster state. While the local Mesos",
      "master leads, it follows the operator API (v1 SUBSCRIBE on mesos_url),",
      "publishes dcos.thisdcos.directory (at most once a second) and mirrors",
      "the local Mesos-DNS (/v1/axfr) into mesos.thisdcos.directory. Serves",
      "node DNS on every address and the REST API on 127.0.0.1:62080.",
      "",
      "The config is JSON (dcnet-daemon/README.md, \"Node config\"), e.g.:",
      "  {\"cluster_id\": \"c0ffee\", \"ip\": \"10.0.0.5\",",
      "   \"masters\": [\"10.0.0.1\", \"10.0.0.2\", \"10.0.0.3\"],",
      "   \"tls_dir\": \"/etc/dcnet/tls\",",
      "   \"dns\": {\"upstream_resolvers\": [\"10.0.0.254\"]}}",
      "TLS files:  ./dcnet certs --dir DIR --cluster-id ID --node NAME --ip IP",
      "",
      "Exit codes: 0 stopped by a signal, 1 runtime failure,",
      "2 bad command line or config."
    })
final class MasterCommand implements Callable<Integer> {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      required = true,
      description = "the node config (JSON)")
  Path config;

  @Option(
      names = {"-v"},
      paramLabel = "LEVEL",
      description = "verbosity: 1 = verbose (DEBUG), 2 = very verbose (TRACE)",
      defaultValue = "0")
  int verbosity;

  @Override
  public Integer call() throws Exception {
    return NodeCommand.run(NodeRole.MASTER, config, verbosity);
  }
}
