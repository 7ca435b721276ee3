package io.dcnet.daemon;

import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Options of the commands that read the node REST API (a picocli mixin). Used by the picocli main
 * thread only.
 */
final class ApiOptions {
  @Option(
      names = "--api",
      paramLabel = "URL",
      description = "the node REST API (default: ${DEFAULT-VALUE})",
      defaultValue = "http://127.0.0.1:62080")
  URI api;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;
}
