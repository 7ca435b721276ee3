package io.dcnet.daemon.l4lb;

import io.dcnet.core.process.CommandRunner;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The hosts of {@link L4lbNetnsTest}: a hub namespace with bridge {@code br0} (10.77.0.254/24,
 * fd77::fe/64) and {@code count} host namespaces, host {@code i} attached to the bridge by a veth
 * ({@code vh<i>} in the hub, {@code eth0} in the host) with 10.77.0.i/24 and fd77::i/64 and default
 * routes via the hub. The hub has {@code local} routes for the VIP ranges (11.0.0.0/8, fd01:c::/64,
 * fd01:d::/64), so a VIP that no host's data plane knows any more reaches the hub and is refused
 * with a TCP reset. Namespaces are named {@code dcnet-t-<random>-hub} and {@code
 * dcnet-t-<random>-h<i>}.
 *
 * <p>Owned by the test thread.
 */
final class NetnsHosts implements AutoCloseable {
  static final String HUB_IP = "10.77.0.254";
  static final String HUB_IP6 = "fd77::fe";

  private final String prefix;
  private final List<String> created = new ArrayList<>();

  private NetnsHosts(String prefix) {
    this.prefix = prefix;
  }

  /** Creates the hub and hosts {@code 1..count}; deletes what it made when a step fails. */
  static NetnsHosts create(int count) throws IOException {
    byte[] b = new byte[3];
    new SecureRandom().nextBytes(b);
    NetnsHosts hosts = new NetnsHosts("dcnet-t-" + HexFormat.of().formatHex(b));
    try {
      hosts.build(count);
    } catch (IOException | RuntimeException e) {
      hosts.close();
      throw e;
    }
    return hosts;
  }

  private void build(int count) throws IOException {
    String hub = hub();
    add(hub);
    ip(hub, "link", "add", "br0", "type", "bridge");
    ip(hub, "addr", "add", HUB_IP + "/24", "dev", "br0");
    ip(hub, "-6", "addr", "add", HUB_IP6 + "/64", "dev", "br0", "nodad");
    ip(hub, "link", "set", "br0", "up");
    ip(hub, "route", "add", "local", "11.0.0.0/8", "dev", "lo");
    ip(hub, "-6", "route", "add", "local", "fd01:c::/64", "dev", "lo");
    ip(hub, "-6", "route", "add", "local", "fd01:d::/64", "dev", "lo");
    for (int i = 1; i <= count; i++) {
      String h = host(i);
      add(h);
      ip(hub, "link", "add", "vh" + i, "type", "veth", "peer", "name", "eth0", "netns", h);
      ip(hub, "link", "set", "vh" + i, "master", "br0", "up");
      ip(h, "addr", "add", ip4(i) + "/24", "dev", "eth0");
      ip(h, "-6", "addr", "add", ip6(i) + "/64", "dev", "eth0", "nodad");
      ip(h, "link", "set", "eth0", "up");
      ip(h, "route", "add", "default", "via", HUB_IP);
      ip(h, "-6", "route", "add", "default", "via", HUB_IP6);
    }
  }

  private void add(String ns) throws IOException {
    CommandRunner.host().run("ip", "netns", "add", ns);
    created.add(ns);
    ip(ns, "link", "set", "lo", "up");
    CommandRunner.inNamespace(ns).run("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=0");
  }

  String hub() {
    return prefix + "-hub";
  }

  String host(int i) {
    return prefix + "-h" + i;
  }

  static String ip4(int i) {
    return "10.77.0." + i;
  }

  static String ip6(int i) {
    return "fd77::" + i;
  }

  /** The host is gone from the network: its veth in the hub goes down. */
  void cut(int i) throws IOException {
    ip(hub(), "link", "set", "vh" + i, "down");
  }

  private static void ip(String ns, String... args) throws IOException {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "ip";
    cmd[1] = "-n";
    cmd[2] = ns;
    System.arraycopy(args, 0, cmd, 3, args.length);
    CommandRunner.host().run(cmd);
  }

  /** Deletes every namespace made (stop the processes inside first); keeps going on errors. */
  @Override
  public void close() {
    IOException first = null;
    for (String ns : created.reversed()) {
      try {
        CommandRunner.host().run("ip", "netns", "del", ns);
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    created.clear();
    if (first != null) {
      throw new IllegalStateException("could not delete a namespace: " + first.getMessage(), first);
    }
  }
}
