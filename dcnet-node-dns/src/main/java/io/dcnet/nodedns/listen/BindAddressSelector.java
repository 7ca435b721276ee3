package io.dcnet.nodedns.listen;

import io.dcnet.nodedns.config.NodeDnsConfig;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The addresses the node DNS listens on (spec §2.1, dcos-net {@code bind_ips/0}): {@code bind_ips}
 * when set; else the addresses of {@code bind_interface} (agents: {@code spartan}); else every
 * interface address (masters). Link-local addresses and {@code bind_ip_blacklist} (always holding
 * 198.51.100.4) are removed.
 *
 * <p>Stateless; thread-safe.
 */
public final class BindAddressSelector {
  private BindAddressSelector() {}

  /**
   * @param config the bind settings
   * @param interfaces interface name → its addresses (see {@link #systemInterfaces()})
   * @return distinct addresses in interface order
   */
  public static List<InetAddress> select(
      NodeDnsConfig config, Map<String, List<InetAddress>> interfaces) {
    List<InetAddress> candidates = new ArrayList<>();
    if (!config.bindIps().isEmpty()) {
      candidates.addAll(config.bindIps());
    } else if (!config.bindInterface().isEmpty()) {
      candidates.addAll(interfaces.getOrDefault(config.bindInterface(), List.of()));
    } else {
      interfaces.values().forEach(candidates::addAll);
    }
    Set<InetAddress> out = new LinkedHashSet<>();
    for (InetAddress a : candidates) {
      if (!a.isLinkLocalAddress() && !config.bindIpBlacklist().contains(a)) {
        out.add(a);
      }
    }
    return List.copyOf(out);
  }

  /** This host's interfaces and their addresses (down interfaces included, as dcos-net does). */
  public static Map<String, List<InetAddress>> systemInterfaces() throws SocketException {
    Map<String, List<InetAddress>> out = new LinkedHashMap<>();
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      out.put(nif.getName(), Collections.list(nif.getInetAddresses()));
    }
    return out;
  }
}
