package io.dcnet.daemon;

import io.dcnet.mesos.emulator.MesosEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dcnet emulator}: a Mesos master emulator serving a state fixture, until interrupted. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Mesos master emulator, seeded from a /master/state fixture.",
      "",
      "It answers GET /master/state and POST /api/v1 (GET_STATE, GET_MASTER, SUBSCRIBE) like a"
          + " Mesos master. For benchmarks and manual tests."
    })
final class EmulatorCommand implements Callable<Integer> {
  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = "a /master/state JSON document to serve (default: an empty cluster)")
  Path state;

  @Option(
      names = "--address",
      paramLabel = "IP",
      split = ",",
      description = "master addresses, the first leads (default: ${DEFAULT-VALUE})",
      defaultValue = "127.0.0.1")
  List<String> addresses;

  @Option(
      names = "--port",
      description = "port of every master (default: ${DEFAULT-VALUE})",
      defaultValue = "5050")
  int port;

  @Option(
      names = "--heartbeat-seconds",
      description = "SUBSCRIBE heartbeat interval (default: ${DEFAULT-VALUE})",
      defaultValue = "15")
  int heartbeatSeconds;

  @Override
  public Integer call() throws Exception {
    if (state != null && !Files.isReadable(state)) {
      System.err.println("dcnet emulator: --state: " + state + " (expected: a readable file)");
      return 2;
    }
    var builder =
        MesosEmulator.builder()
            .masterAddresses(addresses)
            .port(port)
            .heartbeatInterval(Duration.ofSeconds(heartbeatSeconds));
    if (state != null) {
      builder.scenario(state);
    }
    try (ExitSignal exit = ExitSignal.install();
        MesosEmulator emu = builder.start()) {
      System.out.println("dcnet emulator: masters " + emu.masterUrls() + " (Ctrl-C to stop)");
      return exit.await();
    }
  }
}
