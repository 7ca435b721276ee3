package io.dcnet.l4lb.api;

import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.VipId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The {@code /v1/vips} view (spec 3.5): the body as records Jackson serialises to the spec's shape,
 * in a canonical order (VIPs sorted, each VIP's backends sorted and listed once), so that equal
 * content gives an equal body. Pure: no HTTP classes here; the REST module serves {@link
 * #entries()} as the JSON array and derives the ETag from that body. Immutable; thread-safe.
 *
 * @param entries one entry per VIP, sorted by VIP (the spec's JSON array)
 */
public record VipsView(List<VipEntry> entries) {
  /** The DNS suffix of named VIPs. */
  public static final String NAMED_SUFFIX = ".l4lb.thisdcos.directory";

  public VipsView {
    entries = List.copyOf(entries);
  }

  /** The view of merged VIPs (e.g. {@code L4Build.vips()}): VIP → all its backends. */
  public static VipsView of(SortedMap<VipId, List<Backend>> vips) {
    List<VipEntry> out = new ArrayList<>();
    for (Map.Entry<VipId, List<Backend>> e : vips.entrySet()) {
      VipId vip = e.getKey();
      String vipText =
          vip.isNamed() ? vip.host() + NAMED_SUFFIX + ":" + vip.port() : vip.hostPort();
      // one entry per ip:port even if two agents publish it or weights differ
      TreeSet<String> seen = new TreeSet<>();
      List<VipBackendEntry> backends = new ArrayList<>();
      for (Backend b : e.getValue().stream().sorted().toList()) {
        if (seen.add(b.ip() + "#" + b.port())) {
          backends.add(new VipBackendEntry(b.ip(), b.port()));
        }
      }
      out.add(new VipEntry(vipText, vip.protocol().wireName(), backends));
    }
    return new VipsView(out);
  }
}
