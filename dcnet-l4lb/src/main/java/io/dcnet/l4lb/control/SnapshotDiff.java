package io.dcnet.l4lb.control;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes between two snapshots as log lines, one per added or removed VIP (service) and per
 * added, removed or re-weighted backend, in snapshot order. Pure; thread-safe (stateless).
 */
public final class SnapshotDiff {
  private SnapshotDiff() {}

  /**
   * The change lines from {@code before} to {@code after}.
   *
   * @param limit at most this many lines; when more changed, the last line says how many were left
   *     out
   */
  public static List<String> changes(L4Snapshot before, L4Snapshot after, int limit) {
    List<String> removed = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    before.forEachChange(
        after,
        (key, was, is) -> {
          if (is == null) {
            removed.add("vip removed " + key + " (had " + was.size() + " backends)");
          } else if (was == null) {
            rest.add("vip added " + key + " backends " + is);
          } else {
            backendChanges(key, was, is, rest);
          }
        });
    List<String> all = removed;
    all.addAll(rest);
    if (all.size() <= limit) {
      return List.copyOf(all);
    }
    List<String> out = new ArrayList<>(all.subList(0, Math.max(0, limit - 1)));
    out.add("... and " + (all.size() - out.size()) + " more changes");
    return List.copyOf(out);
  }

  /** A one-line summary of how {@code installed} differs from {@code desired}. */
  public static String summary(L4Snapshot desired, L4Snapshot installed) {
    int missing = 0;
    int extra = 0;
    int different = 0;
    ServiceKey example = null;
    for (Map.Entry<ServiceKey, List<Destination>> e : desired.services().entrySet()) {
      List<Destination> got = installed.services().get(e.getKey());
      if (got == null) {
        missing++;
      } else if (!got.equals(e.getValue())) {
        different++;
      } else {
        continue;
      }
      example = example == null ? e.getKey() : example;
    }
    for (ServiceKey k : installed.services().keySet()) {
      if (!desired.services().containsKey(k)) {
        extra++;
        example = example == null ? k : example;
      }
    }
    return missing
        + " missing, "
        + extra
        + " unexpected, "
        + different
        + " with other backends"
        + (example == null ? "" : " (e.g. " + example + ")");
  }

  private static void backendChanges(
      ServiceKey key, List<Destination> old, List<Destination> now, List<String> into) {
    Map<String, Destination> oldBy = byEndpoint(old);
    Map<String, Destination> newBy = byEndpoint(now);
    for (Destination d : old) {
      if (!newBy.containsKey(endpoint(d))) {
        into.add("backend removed " + key + " " + d);
      }
    }
    for (Destination d : now) {
      Destination prev = oldBy.get(endpoint(d));
      if (prev == null) {
        into.add("backend added " + key + " " + d);
      } else if (prev.weight() != d.weight()) {
        into.add("backend weight " + key + " " + prev + " -> " + d.weight());
      }
    }
  }

  private static Map<String, Destination> byEndpoint(List<Destination> ds) {
    Map<String, Destination> m = new HashMap<>();
    for (Destination d : ds) {
      m.put(endpoint(d), d);
    }
    return m;
  }

  private static String endpoint(Destination d) {
    return Objects.toString(d.address().getHostAddress()) + "#" + d.port();
  }
}
