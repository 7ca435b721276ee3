package io.dcnet.daemon.node;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which of this node's zone entries wait to be withdrawn, and when one is superseded. An entry
 * waits from the moment this node stops publishing the zone (or, for an entry an earlier run of the
 * node left, from the first time this run sees the zone) until another node's entry shows that
 * someone else publishes it:
 *
 * <ul>
 *   <li>an entry with a newer stamp than this node's, or
 *   <li>an entry another node wrote after this node stopped: a field that was not there then, or
 *       whose stamp changed. Stamps come from each publisher's own clock; without this rule, a node
 *       whose clock ran ahead would keep its frozen entry on top until the new publisher's clock
 *       caught up.
 * </ul>
 *
 * <p>For a leftover entry there is no record of when this node stopped, so only the first rule
 * applies (a leftover newer than every other entry may be what readers still need).
 *
 * <p>Not thread-safe: {@link LeaderZonePublisher} calls it under its own lock.
 */
final class ZoneWithdrawals {
  /** The stamps of the other nodes' entries when this node stopped; null for a leftover. */
  private record Waiting(Map<String, Long> othersAtStop) {}

  private final String self;
  private final Map<String, Waiting> waiting = new HashMap<>();

  ZoneWithdrawals(String self) {
    this.self = Objects.requireNonNull(self, "self");
  }

  /** This node publishes again: nothing waits. */
  void clear() {
    waiting.clear();
  }

  /** This node stopped publishing {@code zone}, whose entries its replica held then. */
  void stopped(String zone, Map<String, PublishedZone> entries) {
    Map<String, Long> others = new HashMap<>();
    entries.forEach(
        (field, entry) -> {
          if (!field.equals(self)) {
            others.put(field, entry.publishedAtMillis());
          }
        });
    waiting.put(zone, new Waiting(others));
  }

  /** This run saw {@code zone} first while not publishing: an earlier run's entry may be there. */
  void leftover(String zone) {
    waiting.putIfAbsent(zone, new Waiting(null));
  }

  /**
   * If {@code zone} waits and {@code entries} supersede this node's entry, stops waiting and
   * returns the stamp of the entry to withdraw (empty also when this node has no entry left).
   */
  OptionalLong superseded(String zone, Map<String, PublishedZone> entries) {
    Waiting w = waiting.get(zone);
    if (w == null) {
      return OptionalLong.empty();
    }
    PublishedZone mine = entries.get(self);
    if (mine == null) {
      waiting.remove(zone);
      return OptionalLong.empty();
    }
    for (Map.Entry<String, PublishedZone> e : entries.entrySet()) {
      long stamp = e.getValue().publishedAtMillis();
      boolean newer = stamp > mine.publishedAtMillis();
      boolean writtenSince =
          w.othersAtStop() != null && !Objects.equals(w.othersAtStop().get(e.getKey()), stamp);
      if (!e.getKey().equals(self) && (newer || writtenSince)) {
        waiting.remove(zone);
        return OptionalLong.of(mine.publishedAtMillis());
      }
    }
    return OptionalLong.empty();
  }
}
