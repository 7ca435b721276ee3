package io.dcnet.state;

import io.dcnet.state.engine.EngineCallbacks;
import io.dcnet.state.engine.Incarnation;
import io.dcnet.state.engine.Members;
import io.dcnet.state.engine.StoredValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicated cluster state of one node (README). Each node writes only fields it owns; reads
 * are local; listeners get immutable snapshots on the event thread {@code
 * dcnet-state-events-<nodeId>}. Membership, downing, purge of removed nodes' fields and rejoin
 * after removal are handled inside.
 *
 * <p>This class is the facade and the wiring: the current incarnation and its replacement belong to
 * {@link IncarnationRestarter}, housekeeping to {@link MaintenanceTasks}, listeners to {@link
 * ListenerHub}.
 *
 * <p>Thread-safe. Maintenance runs on one control thread {@code dcnet-state-control-<nodeId>}.
 */
public final class ClusterState implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterState.class);

  private final ClusterStateConfig cfg;
  private final ListenerHub hub;
  private final OwnEntries own;
  private final OrphanSweeper sweeper;
  private final ControlThread control;
  private final Callbacks callbacks = new Callbacks();
  private final IncarnationRestarter incarnations;
  private final MaintenanceTasks maintenance;

  private ClusterState(ClusterStateConfig cfg) {
    this.cfg = cfg;
    SeedSource seeds = new SeedSource(cfg);
    this.hub = new ListenerHub(cfg.nodeId());
    this.own = new OwnEntries(cfg.nodeId());
    this.sweeper = new OrphanSweeper(cfg.unreachableRemoval());
    this.control = new ControlThread(cfg.nodeId());
    this.incarnations = new IncarnationRestarter(cfg, seeds, hub::keyNames, callbacks, control);
    this.maintenance = new MaintenanceTasks(cfg, seeds, own, sweeper, incarnations, control);
  }

  /** Starts the node: binds, loads the durable replica, joins the seeds. Throws on bad config. */
  public static ClusterState start(ClusterStateConfig cfg) {
    if (cfg.tls() != null) {
      cfg.tls().validate();
    }
    ClusterState cs = new ClusterState(cfg);
    try {
      cs.incarnations.startFirst();
    } catch (RuntimeException e) {
      cs.control.close();
      cs.hub.close();
      throw e;
    }
    cs.maintenance.start();
    LOG.info(
        "cluster state node {} ({}) started at {} in cluster {}",
        cfg.nodeId(),
        cfg.role().roleName(),
        cs.current().hostPort(),
        cfg.clusterId());
    return cs;
  }

  private Incarnation current() {
    return incarnations.current();
  }

  public String nodeId() {
    return cfg.nodeId();
  }

  public ClusterStateConfig config() {
    return cfg;
  }

  /** {@code host:port} this node is bound to (stable across incarnations). */
  public String address() {
    return current().hostPort();
  }

  /** Number of the current incarnation, 1 for the first; grows on each internal rejoin. */
  public int incarnation() {
    return current().number();
  }

  /** True when this node is Up (or WeaklyUp) in its cluster. */
  public boolean isUp() {
    return current().isSelfUp();
  }

  /** Writes this node's own field ({@code field = nodeId}). */
  public <V> CompletionStage<Void> put(StateKey<V> key, V value) {
    return put(key, cfg.nodeId(), value);
  }

  /**
   * Writes {@code field} of {@code key}, owned by this node, locally; it reaches the other nodes
   * asynchronously (usually well under a second). The stage completes when the local write is done.
   */
  public <V> CompletionStage<Void> put(StateKey<V> key, String field, V value) {
    requireField(field);
    String stored = new StoredValue(cfg.nodeId(), key.codec().encode(value)).encode();
    own.put(key.name(), field, stored);
    return current().put(key.name(), field, stored);
  }

  /**
   * Like {@link #put(StateKey, String, Object)}, but the new value is sent to every reachable
   * member at once instead of by delta propagation and gossip (for small, latency-sensitive keys
   * written at most about once per second, such as a DNS zone). The stage completes when every
   * member acknowledged, or after {@code timeout}; the value is applied locally either way. A
   * member that is down but not yet removed is sent the value too (it may only be slow) and never
   * answers, so the stage then takes the whole timeout: do not block a loop on it.
   */
  public <V> CompletionStage<Void> putEverywhere(StateKey<V> key, V value, Duration timeout) {
    return putEverywhere(key, cfg.nodeId(), value, timeout);
  }

  /** {@link #putEverywhere(StateKey, Object, Duration)} of any field owned by this node. */
  public <V> CompletionStage<Void> putEverywhere(
      StateKey<V> key, String field, V value, Duration timeout) {
    requireField(field);
    String stored = new StoredValue(cfg.nodeId(), key.codec().encode(value)).encode();
    own.put(key.name(), field, stored);
    return current().putEverywhere(key.name(), field, stored, timeout);
  }

  /** Removes {@code field} of {@code key}. */
  public <V> CompletionStage<Void> remove(StateKey<V> key, String field) {
    requireField(field);
    own.remove(key.name(), field);
    return current().remove(key.name(), field);
  }

  /**
   * Like {@link #remove}, but the removal is sent to every reachable member at once, as {@link
   * #putEverywhere} sends a value; it completes the same way.
   */
  public <V> CompletionStage<Void> removeEverywhere(
      StateKey<V> key, String field, Duration timeout) {
    requireField(field);
    own.remove(key.name(), field);
    return current().removeEverywhere(key.name(), field, timeout);
  }

  /** Immutable snapshot of the local replica of {@code key}: field → value. */
  public <V> Map<String, V> get(StateKey<V> key) {
    Map<String, V> out = new LinkedHashMap<>();
    entries(key).forEach((f, e) -> out.put(f, e.value()));
    return Map.copyOf(out);
  }

  /** Like {@link #get} with the owner of each field. Undecodable fields are skipped. */
  public <V> Map<String, StateEntry<V>> entries(StateKey<V> key) {
    Map<String, StateEntry<V>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : current().get(key.name()).entrySet()) {
      StoredValue sv = StoredValue.decode(e.getValue());
      try {
        out.put(e.getKey(), new StateEntry<>(sv.owner(), key.codec().decode(sv.payload())));
      } catch (RuntimeException ex) {
        LOG.debug("key {} field {} undecodable: {}", key.name(), e.getKey(), ex.toString());
      }
    }
    return Map.copyOf(out);
  }

  /**
   * Calls {@code listener} with the current snapshot of {@code key} (when it has data) and then
   * after each change, on the event thread.
   */
  public <V> Subscription subscribe(StateKey<V> key, StateListener<V> listener) {
    Runnable[] remover = new Runnable[1];
    if (hub.add(key, listener, remover)) {
      current().subscribe(key.name());
    } else {
      Map<String, String> raw = current().get(key.name());
      if (!raw.isEmpty()) {
        hub.changed(key.name(), raw);
      }
    }
    return remover[0]::run;
  }

  /** Membership changes after this call (use {@link #members()} for the current view). */
  public Subscription subscribeMembership(MembershipListener listener) {
    hub.addMembership(listener);
    return () -> hub.removeMembership(listener);
  }

  /** This node's view of the members, sorted by address. */
  public List<MemberInfo> members() {
    var state = current().clusterState();
    Set<Member> unreachable = state.getUnreachable();
    List<MemberInfo> out = new ArrayList<>();
    for (Member m : state.getMembers()) {
      out.add(Members.info(m, unreachable));
    }
    out.sort(Comparator.comparing(MemberInfo::address));
    return List.copyOf(out);
  }

  /** Test hook, see {@link Incarnation#blackhole}. */
  void blackholeForTest(String hostPort, boolean on) {
    current().blackhole(hostPort, on);
  }

  /** Stops this node without leaving the cluster (its fields stay until the masters remove it). */
  @Override
  public void close() {
    if (!control.close()) {
      return;
    }
    incarnations.stopCurrent();
    hub.close();
    LOG.info("cluster state node {} stopped", cfg.nodeId());
  }

  private static void requireField(String field) {
    if (field == null || field.isEmpty() || field.length() > 200) {
      throw new IllegalArgumentException("field: " + field + " (expected: 1-200 chars)");
    }
  }

  /** Engine events; called on Pekko threads, so everything is handed to our own threads. */
  private final class Callbacks implements EngineCallbacks {
    @Override
    public void onChanged(int incarnation, String key, Map<String, String> raw) {
      if (incarnation != current().number()) {
        return;
      }
      hub.changed(key, raw);
      if (own.missingIn(key, raw) && current().isSelfUp()) {
        maintenance.requestReassert(incarnation);
      }
    }

    @Override
    public void onMembership(int incarnation, MembershipEvent event) {
      if (event.type() == MembershipEvent.Type.REMOVED) {
        sweeper.removed(event.member().nodeId());
      }
      hub.membership(event);
    }

    @Override
    public void onSelfUp(int incarnation) {
      maintenance.requestReassert(incarnation);
    }

    @Override
    public void requestRestart(int incarnation, String reason) {
      incarnations.requestRestart(incarnation, reason);
    }
  }
}
