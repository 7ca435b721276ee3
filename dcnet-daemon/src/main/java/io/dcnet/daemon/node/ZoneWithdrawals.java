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
 *   <li>an entry another node wrote after this node's last write: a field this node had not seen
 *       then, or whose stamp changed since. Stamps come from each publisher's own clock; without
 *       this rule, a node whose clock ran ahead would keep its frozen entry on top until the new
 *       publisher's clock caught up. The reference is the last write, not the stop: a deputy stops
 *       only once the returning leader is a live member, and that leader's first entry has often
 *       arrived by then.
 * </ul>
 *
 * <p>Without a reference (a leftover entry, or no snapshot of the key seen before this node's last
 * write) only the first rule applies: an older entry that merely was not seen yet may be a stale
 * one.
 *
 * <p>Not thread-safe: {@link LeaderZonePublisher} calls it under its own lock.
 */
final class ZoneWithdrawals {
  /** The other nodes' stamps at this node's last write; null when unknown. */
  private record Waiting(Map<String, Long> othersAtLastWrite) {}

  private final String self;
  private final Map<String, Waiting> waiting = new HashMap<>();
  private final Map<String, Map<String, Long>> seen = new HashMap<>();
  private final Map<String, Map<String, Long>> atLastWrite = new HashMap<>();

  ZoneWithdrawals(String self) {
    this.self = Objects.requireNonNull(self, "self");
  }

  /** This node publishes again: nothing waits. */
  void clear() {
    waiting.clear();
  }

  /** The latest snapshot of {@code zone}'s entries (from the key's subscription). */
  void seen(String zone, Map<String, PublishedZone> entries) {
    Map<String, Long> others = new HashMap<>();
    entries.forEach(
        (field, entry) -> {
          if (!field.equals(self)) {
            others.put(field, entry.publishedAtMillis());
          }
        });
    seen.put(zone, others);
  }

  /** True once a snapshot of {@code zone}'s entries was seen. */
  boolean hasSeen(String zone) {
    return seen.containsKey(zone);
  }

  /** This node just wrote its entry of {@code zone}. */
  void wrote(String zone) {
    Map<String, Long> others = seen.get(zone);
    if (others == null) {
      atLastWrite.remove(zone);
    } else {
      atLastWrite.put(zone, others);
    }
  }

  /** This node stopped publishing {@code zone}. */
  void stopped(String zone) {
    waiting.put(zone, new Waiting(atLastWrite.get(zone)));
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
    Map<String, Long> reference = w.othersAtLastWrite();
    for (Map.Entry<String, PublishedZone> e : entries.entrySet()) {
      long stamp = e.getValue().publishedAtMillis();
      boolean newer = stamp > mine.publishedAtMillis();
      boolean writtenSince = reference != null && !Objects.equals(reference.get(e.getKey()), stamp);
      if (!e.getKey().equals(self) && (newer || writtenSince)) {
        waiting.remove(zone);
        return OptionalLong.of(mine.publishedAtMillis());
      }
    }
    return OptionalLong.empty();
  }
}
