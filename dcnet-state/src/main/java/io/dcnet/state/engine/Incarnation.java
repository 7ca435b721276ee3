package io.dcnet.state.engine;

import io.dcnet.core.net.HostPort;
import io.dcnet.state.ClusterStateConfig;
import io.dcnet.state.NodeRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.ddata.DistributedData;
import org.apache.pekko.pattern.Patterns;

/**
 * One incarnation of the node: an ActorSystem named {@code dcnet-<clusterId>} with the Replicator
 * and dcnet's actors. A node that was removed from the cluster needs a new incarnation (a new
 * ActorSystem); the durable replica is kept. This class owns the ActorSystem's lifecycle (start,
 * join, status, termination); reads and writes of the replicated keys are done by its {@link
 * ReplicaStore}, transport-level operations by its {@link ArteryTransportControl}.
 *
 * <p>Thread-safe: all methods talk to actors by message or to thread-safe Pekko extensions.
 */
public final class Incarnation {
  /** Key listing every top-level key ever written (grow-only), used by the purge. */
  public static final String INDEX_KEY = "dcnet/index";

  private final int number;
  private final ActorSystem system;
  private final Cluster cluster;
  private final ActorRef replicator;
  private final ReplicaStore replica;
  private final ArteryTransportControl transport;
  private final boolean durable;

  private Incarnation(int number, ActorSystem system, EngineCallbacks cb, boolean durable) {
    this.number = number;
    this.durable = durable;
    this.system = system;
    this.cluster = Cluster.get(system);
    DistributedData dd = DistributedData.get(system);
    this.replicator = dd.replicator();
    ActorRef changes = system.actorOf(ChangeForwarder.props(number, cb), "dcnet-changes");
    this.replica = new ReplicaStore(replicator, dd.selfUniqueAddress(), changes);
    this.transport = new ArteryTransportControl(system);
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
    transport.unbind(timeout);
  }

  /**
   * Test hook: drops all traffic between this node and {@code hostPort} in both directions, or lets
   * it pass again. Works only with {@code pekko.remote.artery.advanced.test-mode = on}.
   */
  public void blackhole(String hostPort, boolean on) {
    transport.blackhole(hostPort, on);
  }

  /** Writes {@code field} locally; replication is asynchronous. */
  public CompletionStage<Void> put(String keyName, String field, String stored) {
    return replica.put(keyName, field, stored);
  }

  /**
   * Writes {@code field} and sends the new value to every reachable member at once ({@code
   * WriteAll}) instead of waiting for delta propagation and gossip. Completes when every member
   * acknowledged or after {@code timeout}; either way the write is applied locally and reaches the
   * rest by gossip.
   */
  public CompletionStage<Void> putEverywhere(
      String keyName, String field, String stored, Duration timeout) {
    return replica.putEverywhere(keyName, field, stored, timeout);
  }

  /** Removes {@code field} locally (observed-remove); replication is asynchronous. */
  public CompletionStage<Void> remove(String keyName, String field) {
    return replica.remove(keyName, field);
  }

  /** {@link #remove} sent to every reachable member at once, as {@link #putEverywhere} writes. */
  public CompletionStage<Void> removeEverywhere(String keyName, String field, Duration timeout) {
    return replica.removeEverywhere(keyName, field, timeout);
  }

  /** Removes every field of {@code keyName} for which {@code drop} says true. */
  public CompletionStage<Void> removeIf(String keyName, Predicate<Map.Entry<String, String>> drop) {
    return replica.removeIf(keyName, drop);
  }

  /** Local read of a key's raw entries (field → stored text); empty when the key is unknown. */
  public Map<String, String> get(String keyName) {
    return replica.get(keyName);
  }

  /** Every key name ever written in the cluster (as known locally). */
  public Set<String> keyNames() {
    return replica.keyNames();
  }

  /** Subscribes the change forwarder to {@code keyName}. */
  public void subscribe(String keyName) {
    replica.subscribe(keyName);
  }

  public void unsubscribe(String keyName) {
    replica.unsubscribe(keyName);
  }
}
