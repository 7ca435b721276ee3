package io.dcnet.daemon;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dcnet demo}: everything on loopback, with commands to paste. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a Mesos cluster and dcnet's Mesos-DNS on this machine, and print commands to try.",
      "",
      "Everything stays on loopback: a Mesos master emulator runs sample apps (real HTTP servers"
          + " on 127.0.1.1 and 127.0.1.2) as Marathon tasks, and Mesos-DNS serves their names on"
          + " 127.0.0.1. The printed dig and curl commands work as they are. Ctrl-C stops"
          + " everything."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--dns-port",
      description = "DNS port on 127.0.0.1; a free one if taken (default: ${DEFAULT-VALUE})",
      defaultValue = "8053")
  int dnsPort;

  @Option(
      names = "--http-port",
      description = "HTTP API port on 127.0.0.1; a free one if taken (default: ${DEFAULT-VALUE})",
      defaultValue = "8123")
  int httpPort;

  @Option(
      names = "--refresh-seconds",
      description = "how often Mesos-DNS polls the emulator (default: ${DEFAULT-VALUE})",
      defaultValue = "5")
  int refreshSeconds;

  @Override
  public Integer call() throws Exception {
    try (ExitSignal exit = ExitSignal.install();
        Demo demo = new Demo().start(dnsPort, httpPort, refreshSeconds)) {
      System.out.println();
      System.out.println("dcnet demo is running (Ctrl-C to stop):");
      System.out.println("  Mesos master emulator  " + demo.emulator().masterUrls().get(0));
      System.out.println("  Mesos-DNS (udp+tcp)    " + Demo.IP + ":" + demo.dnsPort());
      System.out.println("  Mesos-DNS HTTP API     http://" + Demo.IP + ":" + demo.httpPort());
      System.out.println("  apps (framework marathon):");
      for (DemoApps.Instance i : demo.instances()) {
        System.out.println("    " + i.app() + " #" + i.index() + " on " + i.ip() + ":" + i.port());
      }
      System.out.println();
      System.out.println("Try:");
      for (String line : demo.commands()) {
        System.out.println("  " + line);
      }
      System.out.println();
      return exit.await();
    }
  }
}
