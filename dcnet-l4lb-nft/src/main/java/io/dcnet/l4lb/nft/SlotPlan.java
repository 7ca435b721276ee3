package io.dcnet.l4lb.nft;

import io.dcnet.l4lb.dataplane.Destination;
import java.util.ArrayList;
import java.util.List;

/**
 * How one service's destinations fill its slots: a new connection draws {@code numgen random mod
 * slots().size()} and goes to the destination that owns that slot, so a destination with {@code s}
 * of {@code K} slots gets exactly {@code s / K} of new connections. Slot counts are the weights
 * divided by their greatest common divisor; when that still adds up to more than {@link
 * #MAX_SLOTS}, they are scaled down to about {@code MAX_SLOTS} in proportion (at least one slot per
 * live destination). Every destination whose slot count is not its weight (weight 0, a common
 * divisor, or scaling) is listed in {@link #recorded()}, so that the read-back finds the exact
 * weights.
 *
 * <p>Immutable: thread-safe.
 *
 * @param slots slot index → destination; empty when no destination has weight &gt; 0 (the service
 *     refuses new connections)
 * @param recorded destinations whose weight differs from their slot count, in snapshot order
 */
record SlotPlan(List<Destination> slots, List<Destination> recorded) {
  /** The most slots a service gets unless it has more live destinations than this. */
  static final int MAX_SLOTS = 256;

  SlotPlan {
    slots = List.copyOf(slots);
    recorded = List.copyOf(recorded);
  }

  /** The plan for a snapshot's (sorted, de-duplicated) destination list. */
  static SlotPlan of(List<Destination> dests) {
    int[] counts = counts(dests);
    List<Destination> slots = new ArrayList<>();
    List<Destination> recorded = new ArrayList<>();
    for (int i = 0; i < dests.size(); i++) {
      Destination d = dests.get(i);
      for (int s = 0; s < counts[i]; s++) {
        slots.add(d);
      }
      if (d.weight() == 0 || counts[i] != d.weight()) {
        recorded.add(d);
      }
    }
    return new SlotPlan(slots, recorded);
  }

  /** The number of slots of a destination list (0 = refuse), without building the plan. */
  static int total(List<Destination> dests) {
    int divisor = 0;
    long sum = 0;
    for (Destination d : dests) {
      divisor = gcd(divisor, d.weight());
      sum += d.weight();
    }
    if (divisor == 0 || sum / divisor <= MAX_SLOTS) {
      return divisor == 0 ? 0 : (int) (sum / divisor);
    }
    int total = 0;
    for (int c : counts(dests)) {
      total += c;
    }
    return total;
  }

  /** The number of slots; 0 when the service refuses new connections. */
  int total() {
    return slots.size();
  }

  private static int[] counts(List<Destination> dests) {
    int[] counts = new int[dests.size()];
    int divisor = 0;
    long sum = 0;
    for (Destination d : dests) {
      divisor = gcd(divisor, d.weight());
      sum += d.weight();
    }
    if (divisor == 0) {
      return counts; // no live destination
    }
    long reduced = sum / divisor;
    for (int i = 0; i < counts.length; i++) {
      int w = dests.get(i).weight();
      if (reduced <= MAX_SLOTS) {
        counts[i] = w / divisor;
      } else if (w > 0) {
        counts[i] = (int) Math.max(1, Math.round((double) w * MAX_SLOTS / sum));
      }
    }
    return counts;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
