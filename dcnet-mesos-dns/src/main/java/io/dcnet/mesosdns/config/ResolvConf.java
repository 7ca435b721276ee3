package io.dcnet.mesosdns.config;

import io.dcnet.core.net.IpLiterals;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the upstream nameservers from a {@code resolv.conf} file, for an empty {@code resolvers}
 * list: every {@code nameserver} line whose value is an IP literal, in file order, minus the
 * addresses of local interfaces (Mesos-DNS must not forward to itself).
 *
 * <p>Thread-safe: stateless.
 */
public final class ResolvConf {
  private ResolvConf() {}

  /** The non-local nameservers of {@code file} (usually {@code /etc/resolv.conf}). */
  public static List<String> nameservers(Path file) throws ConfigException {
    return nameservers(file, localAddresses());
  }

  /** The nameservers of {@code file} that are not in {@code local}. */
  public static List<String> nameservers(Path file, Set<InetAddress> local) throws ConfigException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "resolvers: [] (expected nameservers in " + file + ", which is unreadable: " + e + ")",
          e);
    }
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String[] parts = line.trim().split("\\s+", -1);
      if (parts.length < 2 || !parts[0].equals("nameserver")) {
        continue;
      }
      Optional<InetAddress> ip = IpLiterals.parse(parts[1]);
      if (ip.isPresent() && !local.contains(ip.get()) && !out.contains(parts[1])) {
        out.add(parts[1]);
      }
    }
    return out;
  }

  /** Every address of every local interface (loopback included). */
  public static Set<InetAddress> localAddresses() {
    Set<InetAddress> out = new HashSet<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        out.addAll(Collections.list(nif.getInetAddresses()));
      }
    } catch (SocketException e) {
      // no interface list: nothing is known to be local
    }
    return out;
  }
}
