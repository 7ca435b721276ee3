package io.dcnet.state;

import io.dcnet.core.lifecycle.DaemonThreads;
import io.dcnet.state.engine.StoredValue;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registered listeners and the single event thread that calls them. Thread-safe: registration from
 * any thread; listeners run only on the event thread, one at a time.
 */
final class ListenerHub {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerHub.class);

  private record KeyListener<V>(StateKey<V> key, StateListener<V> listener) {
    /**
     * Calls the listener with {@code raw} decoded; listeners of the same key instance share one
     * decoding per change ({@code decoded}, by identity: a zone of megabytes is decoded once, not
     * once per listener).
     */
    @SuppressWarnings("unchecked") // decoded holds Map<String, V> for key, a StateKey<V>
    void deliver(Map<String, String> raw, Map<StateKey<?>, Map<String, ?>> decoded) {
      Map<String, V> values = (Map<String, V>) decoded.computeIfAbsent(key, k -> decode(raw));
      listener.onChange(key, values);
    }

    private Map<String, V> decode(Map<String, String> raw) {
      Map<String, V> out = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : raw.entrySet()) {
        try {
          out.put(e.getKey(), key.codec().decode(StoredValue.decode(e.getValue()).payload()));
        } catch (RuntimeException ex) {
          LOG.warn(
              "key {} field {}: undecodable value skipped: {}",
              key.name(),
              e.getKey(),
              ex.toString());
        }
      }
      return Map.copyOf(out);
    }
  }

  private final ExecutorService events;
  private final Map<String, List<KeyListener<?>>> byKey = new ConcurrentHashMap<>();
  private final List<MembershipListener> membership = new CopyOnWriteArrayList<>();

  ListenerHub(String nodeId) {
    this.events =
        Executors.newSingleThreadExecutor(DaemonThreads.named("dcnet-state-events-" + nodeId));
  }

  /** Adds a listener; returns true when it is the first one for this key name. */
  <V> boolean add(StateKey<V> key, StateListener<V> listener, Runnable[] remover) {
    KeyListener<V> kl = new KeyListener<>(key, listener);
    boolean[] first = {false};
    byKey.compute(
        key.name(),
        (k, list) -> {
          List<KeyListener<?>> l = list == null ? new CopyOnWriteArrayList<>() : list;
          first[0] = l.isEmpty();
          l.add(kl);
          return l;
        });
    remover[0] =
        () ->
            byKey.computeIfPresent(
                key.name(),
                (k, l) -> {
                  l.remove(kl);
                  return l;
                });
    return first[0];
  }

  Set<String> keyNames() {
    return Set.copyOf(byKey.keySet());
  }

  void addMembership(MembershipListener l) {
    membership.add(l);
  }

  void removeMembership(MembershipListener l) {
    membership.remove(l);
  }

  void changed(String keyName, Map<String, String> raw) {
    List<KeyListener<?>> list = byKey.get(keyName);
    if (list == null || list.isEmpty()) {
      return;
    }
    run(
        () -> {
          Map<StateKey<?>, Map<String, ?>> decoded = new IdentityHashMap<>();
          for (KeyListener<?> kl : list) {
            try {
              kl.deliver(raw, decoded);
            } catch (RuntimeException e) {
              LOG.warn("listener of {} failed: {}", keyName, e.toString());
            }
          }
        });
  }

  void membership(MembershipEvent event) {
    run(
        () -> {
          for (MembershipListener l : membership) {
            try {
              l.onMembershipEvent(event);
            } catch (RuntimeException e) {
              LOG.warn("membership listener failed: {}", e.toString());
            }
          }
        });
  }

  private void run(Runnable r) {
    try {
      events.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed
    }
  }

  void close() {
    events.shutdown();
    try {
      events.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
