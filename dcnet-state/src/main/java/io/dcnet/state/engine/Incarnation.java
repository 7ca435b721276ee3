package io.dcnet.state.engine;

import io.dcnet.core.net.HostPort;
import io.dcnet.state.ClusterStateConfig;
import io.dcnet.state.NodeRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.ddata.DistributedData;
import org.apache.pekko.cluster.ddata.GSet;
import org.apache.pekko.cluster.ddata.GSetKey;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.Replicator;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.pattern.Patterns;

/**
 * One incarnation of the node: an ActorSystem named {@code dcnet-<clusterId>} with the Replicator
 * and dcnet's actors. A node that was removed from the cluster needs a new incarnation (a new
 * ActorSystem); the durable replica is kept. Thread-safe: all methods talk to actors by message.
 */
public final class Incarnation {
  /** Key listing every top-level key ever written (grow-only), used by the purge. */
  public static final String INDEX_KEY = "dcnet/index";

  private static final Duration ASK = Duration.ofSeconds(5);
  private static final Key<GSet<String>> INDEX = GSetKey.create(INDEX_KEY);

  private final int number;
  private final ActorSystem system;
  private final Cluster cluster;
  private final ActorRef replicator;
  private final SelfUniqueAddress self;
  private final ActorRef changes;
  private final boolean durable;
  private final Set<String> indexed = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Incarnation(int number, ActorSystem system, EngineCallbacks cb, boolean durable) {
    this.number = number;
    this.durable = durable;
    this.system = system;
    this.cluster = Cluster.get(system);
    DistributedData dd = DistributedData.get(system);
    this.replicator = dd.replicator();
    this.self = dd.selfUniqueAddress();
    this.changes = system.actorOf(ChangeForwarder.props(number, cb), "dcnet-changes");
  }

  /**
   * Starts an ActorSystem bound to {@code port} and joins {@code seeds} (empty = form a cluster).
   */
  public static Incarnation start(
      int number, ClusterStateConfig cfg, int port, List<String> seeds, EngineCallbacks cb) {
    ActorSystem system =
        ActorSystem.create(
            cfg.systemName(),
            PekkoConfigFactory.build(cfg, port),
            Incarnation.class.getClassLoader());
    try {
      Incarnation inc = new Incarnation(number, system, cb, cfg.durableDir() != null);
      List<Address> seedAddresses = addresses(cfg.systemName(), seeds);
      system.actorOf(MembershipWatcher.props(number, cb), "dcnet-membership");
      Duration probeAfter =
          cfg.unreachableRemoval().compareTo(Duration.ofSeconds(10)) < 0
              ? cfg.unreachableRemoval()
              : Duration.ofSeconds(10);
      system.actorOf(RejoinProbe.props(number, cb, seedAddresses, probeAfter), RejoinProbe.NAME);
      if (cfg.role() == NodeRole.MASTER) {
        system.actorOf(DowningController.props(cfg.unreachableRemoval()), "dcnet-downing");
      }
      inc.joinSeeds(seeds, cfg.systemName());
      return inc;
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  static List<Address> addresses(String systemName, List<String> seeds) {
    List<Address> out = new ArrayList<>();
    for (String s : seeds) {
      HostPort hp = ClusterStateConfig.parseSeed(s);
      out.add(new Address("pekko", systemName, hp.host(), hp.port()));
    }
    return out;
  }

  /** Joins the given seeds; an empty list means "form a new cluster by joining myself". */
  public void joinSeeds(List<String> seeds, String systemName) {
    List<Address> list = addresses(systemName, seeds);
    if (list.isEmpty()) {
      cluster.join(cluster.selfAddress());
    } else {
      cluster.joinSeedNodes(list);
    }
  }

  public int number() {
    return number;
  }

  /** Bound port of this incarnation. */
  public int port() {
    return (Integer) cluster.selfAddress().port().get();
  }

  public String hostPort() {
    return Members.hostPort(cluster.selfAddress());
  }

  public long uid() {
    return cluster.selfUniqueAddress().longUid();
  }

  /** Immutable snapshot of this node's view of the membership. */
  public CurrentClusterState clusterState() {
    return cluster.state();
  }

  public boolean isSelfUp() {
    org.apache.pekko.cluster.MemberStatus s = cluster.selfMember().status();
    return s.equals(org.apache.pekko.cluster.MemberStatus.up())
        || s.equals(org.apache.pekko.cluster.MemberStatus.weaklyUp());
  }

  public boolean isDecider() {
    return DecisionView.of(cluster.state()).isDecider(cluster.selfUniqueAddress());
  }

  public CompletionStage<Void> whenTerminated() {
    return system.getWhenTerminated().thenApply(t -> null);
  }

  public boolean isTerminated() {
    return system.whenTerminated().isCompleted();
  }

  /**
   * Terminates the ActorSystem (no graceful leave) and waits up to {@code timeout} for it to finish
   * (Pekko unbinds the transport's listening socket before the termination completes).
   *
   * @return true when the system has terminated
   */
  public boolean terminate(Duration timeout) {
    system.terminate();
    try {
      system
          .getWhenTerminated()
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // best effort: the system is shutting down anyway
    }
    return isTerminated();
  }

  /**
   * Waits (up to {@code timeout}) until the durable store has written every change the Replicator
   * handed it so far: the Replicator applies gossip in memory first and queues the file write, so a
   * value already visible through {@link #get} may not be on disk yet when the system stops.
   */
  public void flushDurable(Duration timeout) {
    if (!durable) {
      return;
    }
    try {
      Patterns.ask(
              system.actorSelection(replicator.path().child("durableStore")),
              FileDurableStore.FLUSH,
              timeout)
          .toCompletableFuture()
          .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // best effort: stopping anyway
    }
  }

  /**
   * Closes the transport's listening socket of a system whose termination is stuck. Pekko 1.1.5's
   * Artery unbinds only after all its remoting streams completed, and waits for that without a
   * deadline, so a stalled stream (seen with {@code tls-tcp} after this node was quarantined) keeps
   * the port bound and the system alive forever (upstream apache/pekko#3247, later fixed by a
   * {@code shutdown-streams-timeout}). Safe to call more than once; waits up to {@code timeout}.
   */
  public void unbindTransport(Duration timeout) {
    var provider =
        (org.apache.pekko.remote.RemoteActorRefProvider)
            ((org.apache.pekko.actor.ExtendedActorSystem) system).provider();
    if (provider.transport()
        instanceof org.apache.pekko.remote.artery.tcp.ArteryTcpTransport artery) {
      try {
        scala.jdk.javaapi.FutureConverters.asJava(artery.shutdownTransport())
            .toCompletableFuture()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // best effort: the caller checks the port itself
      }
    }
  }

  /**
   * Test hook: drops all traffic between this node and {@code hostPort} in both directions, or lets
   * it pass again. Works only with {@code pekko.remote.artery.advanced.test-mode = on}.
   */
  @SuppressWarnings("deprecation")
  public void blackhole(String hostPort, boolean on) {
    HostPort hp = ClusterStateConfig.parseSeed(hostPort);
    Address to = new Address("pekko", system.name(), hp.host(), hp.port());
    org.apache.pekko.remote.RemoteActorRefProvider provider =
        (org.apache.pekko.remote.RemoteActorRefProvider)
            ((org.apache.pekko.actor.ExtendedActorSystem) system).provider();
    org.apache.pekko.remote.transport.ThrottlerTransportAdapter.ThrottleMode mode =
        on
            ? org.apache.pekko.remote.transport.ThrottlerTransportAdapter.Blackhole$.MODULE$
            : org.apache.pekko.remote.transport.ThrottlerTransportAdapter.Unthrottled$.MODULE$;
    provider
        .transport()
        .managementCommand(
            new org.apache.pekko.remote.transport.ThrottlerTransportAdapter.SetThrottle(
                to,
                (org.apache.pekko.remote.transport.ThrottlerTransportAdapter.Direction)
                    scalaObject("ThrottlerTransportAdapter$Direction$Both$"),
                mode));
  }

  private static Object scalaObject(String name) {
    try {
      return Class.forName("org.apache.pekko.remote.transport." + name)
          .getField("MODULE$")
          .get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("pekko test API missing: " + name, e);
    }
  }

  private static Key<LWWMap<String, String>> key(String name) {
    return LWWMapKey.create(name);
  }

  /** Writes {@code field} locally; replication is asynchronous. */
  public CompletionStage<Void> put(String keyName, String field, String stored) {
    index(keyName);
    return update(key(keyName), m -> m.put(self, field, stored));
  }

  /**
   * Writes {@code field} and sends the new value to every reachable member at once ({@code
   * WriteAll}) instead of waiting for delta propagation and gossip. Completes when every member
   * acknowledged or after {@code timeout}; either way the write is applied locally and reaches the
   * rest by gossip.
   */
  public CompletionStage<Void> putEverywhere(
      String keyName, String field, String stored, Duration timeout) {
    index(keyName);
    Replicator.Update<LWWMap<String, String>> msg =
        new Replicator.Update<>(
            key(keyName),
            LWWMap.<String, String>create(),
            new Replicator.WriteAll(timeout),
            m -> m.put(self, field, stored));
    return Patterns.ask(replicator, msg, timeout.plus(ASK))
        .thenCompose(
            r ->
                r instanceof Replicator.UpdateSuccess || r instanceof Replicator.UpdateTimeout
                    ? CompletableFuture.<Void>completedFuture(null)
                    : CompletableFuture.<Void>failedFuture(
                        new IllegalStateException("update of " + keyName + " failed: " + r)));
  }

  /** Removes {@code field} locally (observed-remove); replication is asynchronous. */
  public CompletionStage<Void> remove(String keyName, String field) {
    return update(key(keyName), m -> m.remove(self, field));
  }

  /** Removes every field of {@code keyName} for which {@code drop} says true. */
  public CompletionStage<Void> removeIf(
      String keyName, java.util.function.Predicate<Map.Entry<String, String>> drop) {
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

  /** Local read of a key's raw entries (field → stored text); empty when the key is unknown. */
  public Map<String, String> get(String keyName) {
    Object r = askSync(new Replicator.Get<>(key(keyName), Replicator.readLocal()));
    if (r instanceof Replicator.GetSuccess<?> ok && ok.dataValue() instanceof LWWMap<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, String> entries = ((LWWMap<String, String>) map).getEntries();
      return Map.copyOf(entries);
    }
    return Map.of();
  }

  /** Every key name ever written in the cluster (as known locally). */
  public Set<String> keyNames() {
    Object r = askSync(new Replicator.Get<>(INDEX, Replicator.readLocal()));
    if (r instanceof Replicator.GetSuccess<?> ok && ok.dataValue() instanceof GSet<?> set) {
      @SuppressWarnings("unchecked")
      Set<String> names = ((GSet<String>) set).getElements();
      return Set.copyOf(names);
    }
    return Set.of();
  }

  /** Subscribes the change forwarder to {@code keyName}. */
  public void subscribe(String keyName) {
    replicator.tell(new Replicator.Subscribe<>(key(keyName), changes), ActorRef.noSender());
  }

  public void unsubscribe(String keyName) {
    replicator.tell(new Replicator.Unsubscribe<>(key(keyName), changes), ActorRef.noSender());
  }

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
