package io.dcnet.nodedns.forward;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/**
 * dcos-dns's choice of upstreams for one query (spec §2.3): fewer than 3 configured → all of them;
 * otherwise upstreams are bucketed by their failure count and two are picked: two at random from
 * the lowest bucket, or, when that bucket holds one, it plus one at random from the next bucket.
 *
 * <p>Stateless; thread-safe.
 */
public final class UpstreamSelector {
  private UpstreamSelector() {}

  /**
   * @param upstreams the configured upstreams
   * @param failures cumulative failure count of an upstream
   * @param random the random source
   * @return the upstreams to query in parallel (a new list)
   */
  public static List<InetSocketAddress> select(
      List<InetSocketAddress> upstreams,
      ToLongFunction<InetSocketAddress> failures,
      RandomGenerator random) {
    if (upstreams.size() < 3) {
      return List.copyOf(upstreams);
    }
    TreeMap<Long, List<InetSocketAddress>> buckets = new TreeMap<>();
    for (InetSocketAddress u : upstreams) {
      buckets.computeIfAbsent(failures.applyAsLong(u), k -> new ArrayList<>()).add(u);
    }
    Map.Entry<Long, List<InetSocketAddress>> lowest = buckets.pollFirstEntry();
    List<InetSocketAddress> first = lowest.getValue();
    if (first.size() >= 2) {
      int a = random.nextInt(first.size());
      int b = random.nextInt(first.size() - 1);
      if (b >= a) {
        b++;
      }
      return List.of(first.get(a), first.get(b));
    }
    List<InetSocketAddress> next = buckets.firstEntry().getValue();
    return List.of(first.get(0), next.get(random.nextInt(next.size())));
  }
}
