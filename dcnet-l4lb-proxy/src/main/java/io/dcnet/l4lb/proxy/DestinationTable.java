package io.dcnet.l4lb.proxy;

import io.dcnet.l4lb.dataplane.Destination;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The destinations of one service and the choice of a backend for a new connection: least
 * outstanding connections with power of two choices.
 *
 * <p>Choice: two distinct destinations of weight &gt; 0 are drawn at random, each draw biased by
 * weight (a destination of weight 3 is drawn three times as often as one of weight 1); the one with
 * fewer outstanding connections per unit of weight wins ({@code active / weight}, compared without
 * division); a tie is broken at random in proportion to the two weights. With one live destination
 * it is always chosen; weight-0 destinations are never chosen. Choosing does not count the
 * connection: the caller calls {@link DestinationLoad#acquire}.
 *
 * <p>Immutable apart from the load counters; thread-safe. A listener holds its current table in a
 * volatile field and the sync thread replaces it as a whole.
 */
final class DestinationTable {
  private static final DestinationTable EMPTY = new DestinationTable(List.of());

  private final List<DestinationLoad> all;
  private final List<DestinationLoad> live;
  private final long[] cumulative;

  private DestinationTable(List<DestinationLoad> all) {
    this.all = List.copyOf(all);
    this.live = this.all.stream().filter(d -> d.weight() > 0).toList();
    this.cumulative = new long[live.size()];
    long sum = 0;
    for (int i = 0; i < live.size(); i++) {
      sum += live.get(i).weight();
      cumulative[i] = sum;
    }
  }

  static DestinationTable empty() {
    return EMPTY;
  }

  /**
   * A table for {@code destinations} that keeps the load counters of destinations (same address and
   * port) already in {@code previous}.
   */
  static DestinationTable of(List<Destination> destinations, DestinationTable previous) {
    Map<InetSocketAddress, AtomicInteger> counters = new HashMap<>();
    for (DestinationLoad d : previous.all) {
      counters.put(d.socketAddress(), d.counter());
    }
    List<DestinationLoad> out = new ArrayList<>(destinations.size());
    for (Destination d : destinations) {
      InetSocketAddress at = new InetSocketAddress(d.address(), d.port());
      out.add(new DestinationLoad(d, counters.getOrDefault(at, new AtomicInteger())));
    }
    return new DestinationTable(out);
  }

  /** The destinations as installed (sorted as given), weight-0 ones included. */
  List<Destination> destinations() {
    return all.stream().map(DestinationLoad::destination).toList();
  }

  /** All entries with their load. */
  List<DestinationLoad> loads() {
    return all;
  }

  /** True if some destination has weight &gt; 0. */
  boolean hasLive() {
    return !live.isEmpty();
  }

  /** Chooses a destination for a new connection; empty when none of weight &gt; 0 remains. */
  Optional<DestinationLoad> choose(RandomGenerator random) {
    return choose(random, Set.of());
  }

  /**
   * Chooses a destination for a new connection, skipping destinations at {@code excluded} addresses
   * (those that already failed to connect for this connection).
   */
  Optional<DestinationLoad> choose(RandomGenerator random, Set<InetSocketAddress> excluded) {
    if (excluded.isEmpty()) {
      return chooseAmong(live, cumulative, random);
    }
    List<DestinationLoad> rest =
        live.stream().filter(d -> !excluded.contains(d.socketAddress())).toList();
    long[] cum = new long[rest.size()];
    long sum = 0;
    for (int i = 0; i < rest.size(); i++) {
      sum += rest.get(i).weight();
      cum[i] = sum;
    }
    return chooseAmong(rest, cum, random);
  }

  private static Optional<DestinationLoad> chooseAmong(
      List<DestinationLoad> candidates, long[] cum, RandomGenerator random) {
    int n = candidates.size();
    if (n == 0) {
      return Optional.empty();
    }
    if (n == 1) {
      return Optional.of(candidates.get(0));
    }
    long total = cum[n - 1];
    int first = indexOf(cum, random.nextLong(total));
    long firstWeight = candidates.get(first).weight();
    long firstStart = cum[first] - firstWeight;
    // draw the second from the weight line with the first one's span cut out
    long r = random.nextLong(total - firstWeight);
    int second = indexOf(cum, r >= firstStart ? r + firstWeight : r);
    DestinationLoad a = candidates.get(first);
    DestinationLoad b = candidates.get(second);
    long loadA = (long) a.active() * b.weight();
    long loadB = (long) b.active() * a.weight();
    if (loadA < loadB) {
      return Optional.of(a);
    }
    if (loadB < loadA) {
      return Optional.of(b);
    }
    // a tie (e.g. both idle) goes by weight, so that idle destinations share by weight
    return Optional.of(random.nextLong(a.weight() + b.weight()) < a.weight() ? a : b);
  }

  /** The index whose span {@code [cum[i-1], cum[i])} holds {@code point}. */
  private static int indexOf(long[] cum, long point) {
    int lo = 0;
    int hi = cum.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[mid] > point) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  @Override
  public String toString() {
    return all.toString();
  }
}
