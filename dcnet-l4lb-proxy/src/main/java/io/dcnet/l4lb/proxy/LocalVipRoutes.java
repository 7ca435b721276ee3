package io.dcnet.l4lb.proxy;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.core.process.CommandRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Makes VIP ranges local on a root node so that traffic to any VIP address is delivered to this
 * host's sockets and so reaches the {@link ProxyDataPlane} listeners: {@code ip route replace local
 * <range> dev lo} (the kernel puts {@code local} routes in the {@code local} table). Optional: a
 * node without root binds with {@code IP_FREEBIND} instead, and then only traffic that reaches the
 * node with a VIP address that is already local is proxied.
 *
 * <p>Immutable; thread-safe (every call runs one {@code ip} process through {@link CommandRunner}).
 */
public final class LocalVipRoutes {
  private final CommandRunner runner;

  public LocalVipRoutes(CommandRunner runner) {
    this.runner = runner;
  }

  /** Adds (or keeps) the local route for {@code cidr}, e.g. {@code 11.0.0.0/8}. Idempotent. */
  public void add(String cidr) throws IOException {
    Range r = Range.parse(cidr);
    runner.run(
        "ip", r.family(), "route", "replace", "local", r.text(), "dev", "lo", "table", "local");
  }

  /** Removes the local route for {@code cidr} if present. Idempotent. */
  public void remove(String cidr) throws IOException {
    Range r = Range.parse(cidr);
    if (isPresent(cidr)) {
      runner.run(
          "ip", r.family(), "route", "del", "local", r.text(), "dev", "lo", "table", "local");
    }
  }

  /** True if the local route for exactly {@code cidr} is installed. */
  public boolean isPresent(String cidr) throws IOException {
    Range r = Range.parse(cidr);
    String out =
        runner.run(
            "ip",
            r.family(),
            "route",
            "show",
            "table",
            "local",
            "type",
            "local",
            "exact",
            r.text());
    return !out.isBlank();
  }

  /** A validated address range: {@code ip/len}. */
  private record Range(InetAddress address, int length) {
    static Range parse(String cidr) {
      String expected = " (expected: <ip>/<prefix length>, e.g. 11.0.0.0/8 or fd01:c::/64)";
      if (cidr == null) {
        throw new IllegalArgumentException("range: null" + expected);
      }
      int slash = cidr.indexOf('/');
      Optional<InetAddress> ip =
          slash < 0 ? Optional.empty() : IpLiterals.parse(cidr.substring(0, slash));
      if (ip.isEmpty()) {
        throw new IllegalArgumentException("range: " + cidr + expected);
      }
      int max = ip.get().getAddress().length * 8;
      int len;
      try {
        len = Integer.parseInt(cidr.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("range: " + cidr + expected, e);
      }
      if (len < 1 || len > max) {
        throw new IllegalArgumentException(
            "range: " + cidr + " (expected: prefix length 1-" + max + ")");
      }
      return new Range(ip.get(), len);
    }

    String family() {
      return IpLiterals.isV6(address) ? "-6" : "-4";
    }

    String text() {
      return IpLiterals.format(address) + "/" + length;
    }
  }
}
