package io.dcnet.daemon;

import io.dcnet.daemon.mesosdns.MesosDnsAuth;
import io.dcnet.daemon.mesosdns.MesosDnsDaemon;
import io.dcnet.mesosdns.config.ConfigException;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.config.MesosDnsConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dcnet mesos-dns -config FILE}: a drop-in replacement for Mesos-DNS, reading its own {@code
 * config.json} and taking its flags ({@code -config}, {@code -config=FILE}, {@code --config},
 * {@code -version}, {@code -v}).
 */
@Command(
    name = "mesos-dns",
    mixinStandardHelpOptions = false,
    description = {
      "Drop-in replacement for Mesos-DNS, reading its config.json.",
      "",
      "Polls the leading Mesos master's /master/state, serves the .mesos zone over UDP and TCP,"
          + " forwards other names to the configured resolvers and serves the /v1 HTTP API."
          + " Mesos-DNS's config keys (case-insensitive), defaults and flags are accepted as they"
          + " are.",
      "",
      "Exit codes: 0 stopped by a signal, 1 runtime failure, 2 bad command line or config."
    })
final class MesosDnsCommand implements Callable<Integer> {
  @Option(
      names = {"-config", "--config"},
      paramLabel = "FILE",
      description = "path to config.json (default: ${DEFAULT-VALUE})",
      defaultValue = "config.json")
  Path config;

  @Option(
      names = {"-version", "--version"},
      description = "print the version and exit")
  boolean version;

  @Mixin VerbosityOption verbosity;

  @Option(
      names = {"-h", "-help", "--help"},
      usageHelp = true,
      description = "show this help")
  boolean help;

  @Override
  public Integer call() throws Exception {
    if (version) {
      System.out.println("dcnet mesos-dns " + Version.get());
      return 0;
    }
    Logging.setVerbosity(verbosity.level);
    MesosDnsConfig cfg;
    try {
      Path path = MesosDnsConfigLoader.expandHome(config);
      if (!Files.isRegularFile(path)) {
        System.err.println(
            "dcnet mesos-dns: -config: " + path + " does not exist (expected: a config.json file)");
        return 2;
      }
      cfg = MesosDnsConfigLoader.load(path);
    } catch (ConfigException e) {
      System.err.println("dcnet mesos-dns: " + config + ": " + e.getMessage());
      return 2;
    }
    try (ExitSignal exit = ExitSignal.install();
        MesosDnsDaemon daemon =
            new MesosDnsDaemon(
                cfg,
                MesosDnsAuth.from(cfg),
                Version.get(),
                () ->
                    exit.fail("no Mesos leader detected in ZooKeeper within zkDetectionTimeout"))) {
      daemon.start();
      while (!exit.isDone()) {
        if (daemon.awaitReadyAndListen(Duration.ofMillis(500))) {
          break;
        }
      }
      return exit.await();
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("dcnet mesos-dns: " + e.getMessage());
      return 1;
    } catch (ConfigException e) {
      System.err.println("dcnet mesos-dns: " + config + ": " + e.getMessage());
      return 2;
    }
  }
}
