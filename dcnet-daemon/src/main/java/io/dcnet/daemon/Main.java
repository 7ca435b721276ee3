package io.dcnet.daemon;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code dcnet} executable; dispatches to one subcommand per job. */
@Command(
    name = "dcnet",
    mixinStandardHelpOptions = true,
    versionProvider = Version.Provider.class,
    description = {
      "Networking for Mesos clusters.",
      "",
      "DNS service discovery (a drop-in Mesos-DNS), replicated cluster state and node DNS on every"
          + " master and agent; in coming versions L4 VIPs, the VXLAN overlay and L7 pools.",
      "",
      "Start with:  ./dcnet demo"
    },
    subcommands = {
      MasterCommand.class,
      AgentCommand.class,
      CertsCommand.class,
      RecordsCommand.class,
      NodesCommand.class,
      VipsCommand.class,
      DemoCommand.class,
      EmulatorCommand.class,
      ResolvConfCommand.class,
      MesosDnsCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Netty samples buffers for leak reports by default, which costs on the DNS hot path; tests
    // keep it on. Set -Dio.netty.leakDetection.level=simple (or paranoid) to debug a leak.
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      System.setProperty("io.netty.leakDetection.level", "disabled");
    }
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (the one place that knows about exits). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
