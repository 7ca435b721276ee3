package io.dcnet.bench.l4lb;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One-backend changes on a loaded table, in a repeating cycle of three kinds: {@code replace} (a
 * random service's random destination gets a new address, like a task restarted elsewhere), {@code
 * drain} (a random destination goes to weight 0, like a task turning unhealthy) and {@code restore}
 * (that destination back to weight 1). Each change builds on the previous snapshot. Seeded.
 *
 * <p>Not thread-safe: owned by the benchmark thread.
 */
final class ChangeSequence {
  static final String[] KINDS = {"replace", "drain", "restore"};

  private final Random random;
  private final List<ServiceKey> keys;
  private L4Snapshot current;
  private int count;
  private ServiceKey drainedKey;
  private int drainedIndex;

  ChangeSequence(L4Snapshot start, long seed) {
    this.random = new Random(seed);
    this.keys = new ArrayList<>(start.services().keySet());
    this.current = start;
  }

  L4Snapshot current() {
    return current;
  }

  /** The kind of the change {@link #next} makes next. */
  String nextKind() {
    return KINDS[count % 3];
  }

  /** The snapshot after one more change. */
  L4Snapshot next() {
    String kind = nextKind();
    ServiceKey key;
    int index;
    List<Destination> dests;
    if (kind.equals("restore")) {
      key = drainedKey;
      index = drainedIndex;
      dests = new ArrayList<>(current.services().get(key));
      dests.set(index, dests.get(index).withWeight(1));
    } else {
      key = keys.get(random.nextInt(keys.size()));
      dests = new ArrayList<>(current.services().get(key));
      index = random.nextInt(dests.size());
      Destination d = dests.get(index);
      if (kind.equals("replace")) {
        byte[] a = {10, (byte) 200, (byte) (count >> 8), (byte) count};
        dests.set(index, new Destination(BenchSnapshots.address(a), d.port(), d.weight()));
      } else {
        dests.set(index, d.withWeight(0));
        drainedKey = key;
      }
    }
    // the snapshot normalises (sorts) the list: find the drained entry again by its endpoint
    current = current.with(key, dests);
    if (kind.equals("drain")) {
      Destination d = dests.get(index);
      List<Destination> sorted = current.services().get(key);
      drainedIndex = sorted.indexOf(d);
    }
    count++;
    return current;
  }
}
