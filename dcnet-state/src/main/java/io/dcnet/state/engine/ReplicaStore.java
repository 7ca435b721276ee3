package io.dcnet.state.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.cluster.ddata.GSet;
import org.apache.pekko.cluster.ddata.GSetKey;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.Replicator;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.pattern.Patterns;

/**
 * The data side of one {@link Incarnation}: reads and writes of the top-level {@code LWWMap} keys
 * and of the key index ({@link Incarnation#INDEX_KEY}) through that incarnation's local Replicator,
 * and subscriptions of its change forwarder. Writes are local ({@code WriteLocal}) unless stated.
 *
 * <p>Thread-safe: every operation is a message to the Replicator; the only own state is the set of
 * key names already added to the index, a concurrent set.
 */
final class ReplicaStore {
  private static final Duration ASK = Duration.ofSeconds(5);
  private static final Key<GSet<String>> INDEX = GSetKey.create(Incarnation.INDEX_KEY);

  private final ActorRef replicator;
  private final SelfUniqueAddress self;
  private final ActorRef changes;
  private final Set<String> indexed = ConcurrentHashMap.newKeySet();

  /**
   * @param changes the actor the Replicator sends {@code Changed} notifications of subscribed keys
   */
  ReplicaStore(ActorRef replicator, SelfUniqueAddress self, ActorRef changes) {
    this.replicator = replicator;
    this.self = self;
    this.changes = changes;
  }

  private static Key<LWWMap<String, String>> key(String name) {
    return LWWMapKey.create(name);
  }

  CompletionStage<Void> put(String keyName, String field, String stored) {
    index(keyName);
    return update(key(keyName), m -> m.put(self, field, stored));
  }

  /** {@code WriteAll}: completes when every reachable member acknowledged or after the timeout. */
  CompletionStage<Void> putEverywhere(
      String keyName, String field, String stored, Duration timeout) {
    index(keyName);
    return updateEverywhere(keyName, m -> m.put(self, field, stored), timeout);
  }

  /** {@link #remove} with {@code WriteAll}, completing as {@link #putEverywhere} does. */
  CompletionStage<Void> removeEverywhere(String keyName, String field, Duration timeout) {
    return updateEverywhere(keyName, m -> m.remove(self, field), timeout);
  }

  private CompletionStage<Void> updateEverywhere(
      String keyName,
      Function<LWWMap<String, String>, LWWMap<String, String>> f,
      Duration timeout) {
    Replicator.Update<LWWMap<String, String>> msg =
        new Replicator.Update<>(
            key(keyName), LWWMap.<String, String>create(), new Replicator.WriteAll(timeout), f);
    return Patterns.ask(replicator, msg, timeout.plus(ASK))
        .thenCompose(
            r ->
                r instanceof Replicator.UpdateSuccess || r instanceof Replicator.UpdateTimeout
                    ? CompletableFuture.<Void>completedFuture(null)
                    : CompletableFuture.<Void>failedFuture(
                        new IllegalStateException("update of " + keyName + " failed: " + r)));
  }

  CompletionStage<Void> remove(String keyName, String field) {
    return update(key(keyName), m -> m.remove(self, field));
  }

  CompletionStage<Void> removeIf(String keyName, Predicate<Map.Entry<String, String>> drop) {
    return update(
        key(keyName),
        m -> {
          LWWMap<String, String> out = m;
          for (Map.Entry<String, String> e : m.getEntries().entrySet()) {
            if (drop.test(e)) {
              out = out.remove(self, e.getKey());
            }
          }
          return out;
        });
  }

  /** Adds {@code keyName} to the grow-only index, once per incarnation. */
  private void index(String keyName) {
    if (indexed.add(keyName)) {
      replicator.tell(
          new Replicator.Update<GSet<String>>(
              INDEX, GSet.<String>create(), Replicator.writeLocal(), s -> s.add(keyName)),
          ActorRef.noSender());
    }
  }

  private CompletionStage<Void> update(
      Key<LWWMap<String, String>> k, Function<LWWMap<String, String>, LWWMap<String, String>> f) {
    Replicator.Update<LWWMap<String, String>> msg =
        new Replicator.Update<>(k, LWWMap.<String, String>create(), Replicator.writeLocal(), f);
    return Patterns.ask(replicator, msg, ASK)
        .thenCompose(
            r ->
                r instanceof Replicator.UpdateSuccess
                    ? CompletableFuture.<Void>completedFuture(null)
                    : CompletableFuture.<Void>failedFuture(
                        new IllegalStateException("update of " + k.id() + " failed: " + r)));
  }

  /** Local read: field → stored text, immutable; empty when the key is unknown. */
  Map<String, String> get(String keyName) {
    Object r = askSync(new Replicator.Get<>(key(keyName), Replicator.readLocal()));
    if (r instanceof Replicator.GetSuccess<?> ok && ok.dataValue() instanceof LWWMap<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, String> entries = ((LWWMap<String, String>) map).getEntries();
      return Map.copyOf(entries);
    }
    return Map.of();
  }

  /** Local read of the index: every key name ever written, immutable. */
  Set<String> keyNames() {
    Object r = askSync(new Replicator.Get<>(INDEX, Replicator.readLocal()));
    if (r instanceof Replicator.GetSuccess<?> ok && ok.dataValue() instanceof GSet<?> set) {
      @SuppressWarnings("unchecked")
      Set<String> names = ((GSet<String>) set).getElements();
      return Set.copyOf(names);
    }
    return Set.of();
  }

  void subscribe(String keyName) {
    replicator.tell(new Replicator.Subscribe<>(key(keyName), changes), ActorRef.noSender());
  }

  void unsubscribe(String keyName) {
    replicator.tell(new Replicator.Unsubscribe<>(key(keyName), changes), ActorRef.noSender());
  }

  /** Asks the Replicator and waits (≤ 5 s); throws {@link IllegalStateException} on failure. */
  private Object askSync(Object msg) {
    try {
      return Patterns.ask(replicator, msg, ASK)
          .toCompletableFuture()
          .get(ASK.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cluster state not available: " + e, e);
    }
  }
}
