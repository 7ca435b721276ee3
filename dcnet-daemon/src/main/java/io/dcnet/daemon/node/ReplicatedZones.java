package io.dcnet.daemon.node;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.state.ClusterState;
import io.dcnet.state.Subscription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zones pushed through the replicated state ({@code dns/zones/<zone>}), as the node DNS reads
 * them: per zone the entry with the newest publish time. Every change swaps in a new map instance
 * (node DNS re-indexes on a new instance). A zone whose key loses its last entry keeps its last
 * records: publishers withdraw an entry only after another node's entry arrived, so an empty key is
 * a node that saw a withdrawal before the successor's entry (a gossip delay or a healed partition),
 * not a zone that should answer NXDOMAIN.
 *
 * <p>Thread-safe: updates run on the cluster state's event thread; {@link #get()} is a volatile
 * read from any thread.
 */
final class ReplicatedZones implements Supplier<Map<String, DnsZone>>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicatedZones.class);

  private final AtomicReference<Map<String, DnsZone>> current = new AtomicReference<>(Map.of());
  private final List<Subscription> subscriptions = new ArrayList<>();

  /** Subscribes to {@code dns/zones/<zone>} of each of {@code zones}. */
  ReplicatedZones(ClusterState state, List<String> zones) {
    for (String zone : zones) {
      subscriptions.add(
          state.subscribe(
              LeaderZonePublisher.key(zone), (key, snapshot) -> update(zone, snapshot)));
    }
  }

  private synchronized void update(String zone, Map<String, PublishedZone> snapshot) {
    Map<String, DnsZone> next = new LinkedHashMap<>(current.get());
    DnsZone before = next.get(zone);
    PublishedZone newest =
        snapshot.values().stream()
            .max(Comparator.comparingLong(PublishedZone::publishedAtMillis))
            .orElse(null);
    if (newest == null) {
      if (before != null) {
        LOG.info(
            "zone {}: no entry in the cluster state; keeping its last {} records until one arrives",
            zone,
            before.size());
      }
      return;
    }
    next.put(zone, newest.toZone());
    current.set(Map.copyOf(next));
    DnsZone after = next.get(zone);
    if (before == null || before.size() != after.size()) {
      LOG.info("zone {}: {} records from the cluster state", zone, after.size());
    }
  }

  @Override
  public Map<String, DnsZone> get() {
    return current.get();
  }

  @Override
  public synchronized void close() {
    subscriptions.forEach(Subscription::close);
    subscriptions.clear();
  }
}
