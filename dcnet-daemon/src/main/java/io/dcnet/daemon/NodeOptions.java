package io.dcnet.daemon;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options and help footer shared by {@code dcnet master} and {@code dcnet agent} (a picocli
 * mixin).
 *
 * <p>Used by the picocli main thread only.
 */
@Command(
    footer = {
      "",
      "The config is JSON (dcnet-daemon/README.md, \"Node config\"), e.g.:",
      "  {\"cluster_id\": \"c0ffee\", \"ip\": \"10.0.0.5\",",
      "   \"masters\": [\"10.0.0.1\", \"10.0.0.2\", \"10.0.0.3\"],",
      "   \"tls_dir\": \"/etc/dcnet/tls\",",
      "   \"dns\": {\"upstream_resolvers\": [\"10.0.0.254\"]}}",
      "TLS files:  ./dcnet certs --dir DIR --cluster-id ID --node NAME --ip IP",
      "",
      "Exit codes: 0 stopped by a signal, 1 runtime failure, 2 bad command line or config."
    })
final class NodeOptions {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      required = true,
      description = "the node config (JSON)")
  Path config;

  @Mixin VerbosityOption verbosity;
}
