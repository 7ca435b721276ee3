package io.dcnet.daemon;

import io.dcnet.state.NodeRole;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dcnet agent --config FILE}: see {@link NodeCommand}.
 *
 * <p>One instance per command line, used by the picocli main thread only.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    versionProvider = Version.Provider.class,
    description = {
      "Run dcnet on a Mesos agent (cluster state member, node DNS).",
      "",
      "Joins the masters listed in the config and serves node DNS on the",
      "dummy interface spartan (198.51.100.1-3, port 53): *.thisdcos.directory",
      "from the replicated zones, *.mesos through the masters' Mesos-DNS (port",
      "61053), everything else forwarded. REST API on 127.0.0.1:62080.",
    })
final class AgentCommand implements Callable<Integer> {
  @Mixin NodeOptions options;

  @Override
  public Integer call() throws Exception {
    return NodeCommand.run(NodeRole.AGENT, options.config, options.verbosity.level);
  }
}
