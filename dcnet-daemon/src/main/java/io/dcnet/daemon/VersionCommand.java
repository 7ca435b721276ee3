package io.dcnet.daemon;

import picocli.CommandLine.Command;

/** {@code dcnet version}. */
@Command(name = "version", description = "Print the dcnet version.")
final class VersionCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("dcnet " + Version.get());
  }
}
