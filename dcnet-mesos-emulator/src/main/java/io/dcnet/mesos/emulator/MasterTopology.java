package io.dcnet.mesos.emulator;

import io.dcnet.core.net.HostPort;
import java.util.List;

/**
 * Where the emulated masters listen: their addresses in builder order and the one port they all
 * share, and the names derived from them (URL, {@code master@ip:port} PID, master id).
 *
 * <p>Immutable; thread-safe.
 */
record MasterTopology(List<String> addresses, int port) {
  MasterTopology {
    addresses = List.copyOf(addresses);
  }

  int size() {
    return addresses.size();
  }

  /** {@code http://ip:port} of each master, in builder order. */
  List<String> urls() {
    return addresses.stream().map(a -> "http://" + new HostPort(a, port)).toList();
  }

  /** {@code master@ip:port} of master {@code index}. */
  String pid(int index) {
    return "master@" + new HostPort(addresses.get(index), port);
  }

  /** The id master {@code index} reports in {@code GET_MASTER}. */
  String masterId(int index) {
    return "master-" + index;
  }

  /** Throws unless {@code index} names a master. */
  void checkIndex(int index) {
    if (index < 0 || index >= addresses.size()) {
      throw new IllegalArgumentException(
          "idx: " + index + " (expected: 0-" + (addresses.size() - 1) + ")");
    }
  }
}
