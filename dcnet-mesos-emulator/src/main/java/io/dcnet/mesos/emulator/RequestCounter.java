package io.dcnet.mesos.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests the emulated masters and agents received, by key: the path ({@code
 * /master/state}, {@code /api/v1}), the path plus call type ({@code /api/v1#SUBSCRIBE}), and for
 * agents the same prefixed with {@code agent:}.
 *
 * <p>Thread-safe: lock-free counters, incremented by the HTTP handler threads and read from any
 * thread.
 */
final class RequestCounter {
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  void count(String key) {
    counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  /** How many requests were counted under {@code key}; 0 for a key never seen. */
  int get(String key) {
    AtomicInteger n = counts.get(key);
    return n == null ? 0 : n.get();
  }
}
