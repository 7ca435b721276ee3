package io.dcnet.l4lb.nft;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The text of the map and set elements of dcnet's table, shared by the full script ({@link
 * NftRenderer}) and the incremental updates ({@link NftUpdateRenderer}), so that both write the
 * same element for the same service. Pure and stateless: thread-safe.
 */
final class NftElements {
  private NftElements() {}

  /** Appends a plan's slot-map elements: {@code vip . port . i : addr . port}. */
  static void slotElements(ServiceKey k, SlotPlan plan, List<String> into) {
    String prefix = ip(k.address()) + " . " + k.port() + " . ";
    Destination last = null;
    String target = "";
    for (int i = 0; i < plan.total(); i++) {
      Destination d = plan.slots().get(i);
      if (!d.equals(last)) { // a destination's slots are consecutive: format it once
        target = " : " + ip(d.address()) + " . " + d.port();
        last = d;
      }
      into.add(prefix + i + target);
    }
  }

  static String slotKey(ServiceKey k, int slot) {
    return ip(k.address()) + " . " + k.port() + " . " + slot;
  }

  static String slotElement(ServiceKey k, int slot, Destination d) {
    return slotKey(k, slot) + " : " + ip(d.address()) + " . " + d.port();
  }

  /** The {@code weights4/6} key of a destination: {@code proto . vip . port . addr . port}. */
  static String weightKey(ServiceKey k, Destination d) {
    return keyElement(k) + " . " + ip(d.address()) + " . " + d.port();
  }

  static String weightElement(ServiceKey k, Destination d) {
    return weightKey(k, d) + " : " + d.weight();
  }

  /** The {@code hairpin4/6} elements: {@code a . a} for every address with weight &gt; 0. */
  static Set<String> hairpinElements(L4Snapshot snapshot, boolean v6) {
    Set<String> out = new LinkedHashSet<>(); // snapshot order, each pair once
    snapshot
        .services()
        .forEach(
            (k, dests) -> {
              for (Destination d : dests) {
                if (k.isV6() == v6 && d.weight() > 0) {
                  out.add(ip(d.address()) + " . " + ip(d.address()));
                }
              }
            });
    return out;
  }

  /** The {@code services4/6} key of a service: {@code proto . vip . port}. */
  static String keyElement(ServiceKey k) {
    return k.protocol().wireName() + " . " + ip(k.address()) + " . " + k.port();
  }

  private static String ip(InetAddress a) {
    return IpLiterals.format(a);
  }
}
