package io.dcnet.state;

import java.util.Map;

/**
 * Receives immutable snapshots of one key. Called on the {@link ClusterState}'s single event thread
 * ({@code dcnet-state-events-<nodeId>}), one call at a time, in order; changes are coalesced (at
 * most one call per ~100 ms per key). Must not block for long.
 */
@FunctionalInterface
public interface StateListener<V> {
  /** {@code snapshot}: field → value, immutable, never null (empty when all fields are gone). */
  void onChange(StateKey<V> key, Map<String, V> snapshot);
}
