package io.dcnet.l4lb.control;

import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.VipId;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result of {@link L4SnapshotBuilder#build}. Immutable.
 *
 * @param snapshot what the data plane should install
 * @param vips every VIP with all its backends merged over the agents, before reachability and
 *     family filtering (what {@code /v1/vips} shows)
 * @param stats counts for the gauges
 */
public record L4Build(L4Snapshot snapshot, SortedMap<VipId, List<Backend>> vips, L4Stats stats) {
  /** Nothing. */
  public static final L4Build EMPTY =
      new L4Build(L4Snapshot.empty(), new TreeMap<>(), L4Stats.EMPTY);

  public L4Build {
    TreeMap<VipId, List<Backend>> copy;
    if (vips.comparator() == null) {
      copy = new TreeMap<>(vips); // same order: linear, no comparisons
    } else {
      copy = new TreeMap<>();
      copy.putAll(vips);
    }
    copy.replaceAll((k, v) -> List.copyOf(v));
    vips = Collections.unmodifiableSortedMap(copy);
  }
}
