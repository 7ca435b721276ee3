package io.dcnet.daemon.mesosdns;

import io.dcnet.core.net.IpLiterals;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** This host's non-loopback interface addresses (for the nameserver record on 0.0.0.0). */
final class LocalAddresses {
  private LocalAddresses() {}

  static List<String> nonLoopback() {
    List<String> out = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
            out.add(IpLiterals.format(a));
          }
        }
      }
    } catch (SocketException e) {
      return List.of();
    }
    return out;
  }
}
