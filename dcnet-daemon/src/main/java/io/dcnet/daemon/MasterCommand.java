package io.dcnet.daemon;

import io.dcnet.state.NodeRole;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
    })
final class MasterCommand implements Callable<Integer> {
  @Mixin NodeOptions options;

  @Override
  public Integer call() throws Exception {
    return NodeCommand.run(NodeRole.MASTER, options.config, options.verbosity.level);
  }
}
