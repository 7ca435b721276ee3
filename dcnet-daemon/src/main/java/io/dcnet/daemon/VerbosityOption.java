package io.dcnet.daemon;

import picocli.CommandLine.Option;

/**
 * Mesos-DNS's {@code -v=LEVEL} flag, shared by the long-running commands (a picocli mixin). Used by
 * the picocli main thread only.
 */
final class VerbosityOption {
  @Option(
      names = {"-v"},
      paramLabel = "LEVEL",
      description = "verbosity: 1 = verbose (DEBUG), 2 = very verbose (TRACE)",
      defaultValue = "0")
  int level;
}
