package io.dcnet.l4lb.nft;

import io.dcnet.core.process.CommandRunner;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A network namespace a test created ({@code dcnet-t-<random>}), with {@code lo} up; deleted by
 * {@link #close}. Owned by one test thread. Public for other modules' tests (test-jar).
 */
public final class Netns implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final CommandRunner inside;

  private Netns(String name) {
    this.name = name;
    this.inside = CommandRunner.inNamespace(name);
  }

  /** Creates a fresh namespace with {@code lo} up (IPv6 ::1 included). */
  public static Netns create() throws IOException {
    byte[] b = new byte[4];
    RANDOM.nextBytes(b);
    Netns ns = new Netns("dcnet-t-" + HexFormat.of().formatHex(b));
    CommandRunner.host().run("ip", "netns", "add", ns.name);
    try {
      ns.ip("link", "set", "lo", "up");
      ns.inside.run("sysctl", "-q", "-w", "net.ipv6.conf.lo.disable_ipv6=0");
    } catch (IOException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  public String name() {
    return name;
  }

  /** Runs commands inside the namespace. */
  public CommandRunner runner() {
    return inside;
  }

  /** Runs {@code ip -n <ns> args...}. */
  public String ip(String... args) throws IOException {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "ip";
    cmd[1] = "-n";
    cmd[2] = name;
    System.arraycopy(args, 0, cmd, 3, args.length);
    return CommandRunner.host().run(cmd);
  }

  @Override
  public void close() {
    try {
      CommandRunner.host().run("ip", "netns", "del", name);
    } catch (IOException e) {
      throw new IllegalStateException("could not delete namespace " + name, e);
    }
  }
}
