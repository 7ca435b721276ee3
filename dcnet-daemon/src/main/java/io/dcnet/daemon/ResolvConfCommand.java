package io.dcnet.daemon;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.daemon.node.NodeConfig;
import io.dcnet.daemon.node.NodeConfigException;
import io.dcnet.daemon.node.NodeConfigParser;
import io.dcnet.nodedns.listen.SpartanInterface;
import io.dcnet.nodedns.resolv.DnsReadyProbe;
import io.dcnet.nodedns.resolv.ResolvConfController;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dcnet resolvconf}: keeps the node's resolv.conf on the node DNS addresses that answer
 * (dcos-net's {@code gen_resolvconf}). Picocli main thread; the loop runs on the controller's own
 * thread.
 */
@Command(
    name = "resolvconf",
    mixinStandardHelpOptions = true,
    description = {
      "Keep resolv.conf pointing at this node's DNS.",
      "",
      "Every interval, asks each node DNS address for ready.spartan (UDP, port 53) and writes the"
          + " ones that answer as nameservers. When none answers, lists up to three of the"
          + " fallback resolvers instead, and the node DNS again as soon as it answers. The"
          + " file is replaced atomically and only when it changes."
    })
final class ResolvConfCommand implements Callable<Integer> {
  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "the file to keep (default: ${DEFAULT-VALUE})",
      defaultValue = "/etc/resolv.conf")
  Path output;

  @Option(
      names = "--nameserver",
      paramLabel = "IP",
      split = ",",
      description = "node DNS addresses, in preference order (default: ${DEFAULT-VALUE})",
      defaultValue = "198.51.100.1,198.51.100.2,198.51.100.3")
  List<String> nameservers;

  @Option(
      names = "--fallback",
      paramLabel = "IP",
      split = ",",
      description =
          "resolvers to list while no node DNS answers (default: those of --config, else none:"
              + " the node DNS addresses stay listed)")
  List<String> fallback = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "a node config whose dns.upstream_resolvers (those on port 53) are the fallback, unless"
              + " --fallback is given")
  Path config;

  @Option(
      names = "--search",
      paramLabel = "DOMAIN",
      split = ",",
      description = "search domains (default: none)")
  List<String> search = new ArrayList<>();

  @Option(
      names = "--option",
      paramLabel = "WORD",
      split = ",",
      description = "resolver options (default: ${DEFAULT-VALUE})",
      defaultValue = "timeout:1,attempts:3")
  List<String> options;

  @Option(
      names = "--interval-seconds",
      description = "time between rounds (default: ${DEFAULT-VALUE})",
      defaultValue = "60")
  int intervalSeconds;

  @Option(names = "--once", description = "run one round and exit")
  boolean once;

  @Option(
      names = "--probe-port",
      description =
          "the node DNS port to probe (default: ${DEFAULT-VALUE}; resolv.conf itself"
              + " cannot name another, so only for tests)",
      defaultValue = "53")
  int probePort;

  @Option(
      names = "--probe-timeout-millis",
      description = "how long each address may take to answer (default: ${DEFAULT-VALUE})",
      defaultValue = "1000")
  int probeTimeoutMillis;

  @Mixin VerbosityOption verbosity;

  @Override
  public Integer call() throws Exception {
    Logging.setVerbosity(verbosity.level);
    Optional<String> bad = validate();
    if (bad.isEmpty() && config != null && fallback.isEmpty()) {
      bad = fallbackFromConfig();
    }
    if (bad.isPresent()) {
      System.err.println("dcnet resolvconf: " + bad.get());
      return 2;
    }
    ResolvConfController.Settings settings =
        new ResolvConfController.Settings(
            output,
            nameservers.stream().map(s -> IpLiterals.parse(s).orElseThrow()).toList(),
            fallback,
            search,
            options,
            Duration.ofSeconds(intervalSeconds));
    ResolvConfController controller =
        new ResolvConfController(
            settings,
            new DnsReadyProbe(probePort, Duration.ofMillis(probeTimeoutMillis)),
            new Random());
    if (once) {
      try {
        controller.runOnce();
        return 0;
      } catch (IOException e) {
        System.err.println("dcnet resolvconf: --output: cannot write " + output + ": " + e);
        return 1;
      }
    }
    try (ExitSignal exit = ExitSignal.install();
        controller) {
      controller.start();
      return exit.await();
    }
  }

  /** Sets {@link #fallback} from the node config's upstream resolvers on port 53. */
  private Optional<String> fallbackFromConfig() {
    NodeConfig cfg;
    try {
      cfg = NodeConfigParser.load(config);
    } catch (NodeConfigException e) {
      return Optional.of("--config: " + config + ": " + e.getMessage());
    }
    for (InetSocketAddress upstream : cfg.dns().upstreamResolvers()) {
      String ip = upstream.getAddress().getHostAddress();
      if (upstream.getPort() == 53) {
        fallback.add(ip);
      } else {
        System.err.println(
            "dcnet resolvconf: --config: upstream resolver "
                + ip
                + " port "
                + upstream.getPort()
                + " left out (resolv.conf can only use port 53)");
      }
    }
    return Optional.empty();
  }

  /** The first bad option, as {@code --name: value (expected: ...)}. */
  private Optional<String> validate() {
    for (String ns : nameservers) {
      if (IpLiterals.parse(ns).isEmpty()) {
        return Optional.of("--nameserver: '" + ns + "' (expected: an IPv4 or IPv6 address)");
      }
    }
    for (String f : fallback) {
      if (IpLiterals.parse(f).isEmpty()) {
        return Optional.of("--fallback: '" + f + "' (expected: an IPv4 or IPv6 address)");
      }
    }
    for (String f : fallback) {
      if (SpartanInterface.ADDRESSES.contains(f)) {
        return Optional.of(
            "--fallback: '" + f + "' (expected: an upstream resolver, not a node DNS address)");
      }
    }
    if (intervalSeconds < 1) {
      return Optional.of("--interval-seconds: " + intervalSeconds + " (expected: 1 or more)");
    }
    if (probePort < 1 || probePort > 65535) {
      return Optional.of("--probe-port: " + probePort + " (expected: 1-65535)");
    }
    if (probeTimeoutMillis < 1) {
      return Optional.of(
          "--probe-timeout-millis: " + probeTimeoutMillis + " (expected: 1 or more)");
    }
    return Optional.empty();
  }
}
