package io.dcnet.l4lb.agent;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.model.AgentVips;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.VipBackends;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.state.ClusterState;
import io.dcnet.state.StateEntry;
import io.dcnet.state.StateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this agent's VIP backends, and only those, into the cluster state: for each of the 16
 * buckets {@code l4lb/vips/NN} the field named after this node holds {@link AgentVips}(agent IP,
 * this agent's VIPs of that bucket), or is removed when the agent has none there.
 *
 * <p>Every call compares with what the local replica holds for this node (not with what this object
 * wrote last), so it writes only what differs and also repairs the replica: after a restart the
 * first call removes this node's stale entries from buckets it no longer has VIPs in (whether they
 * came back from the durable replica or by gossip), and fields owned by this node under another
 * field name are removed too. One INFO line per added, removed or re-weighted backend.
 *
 * <p>Writes and removals are sent to every reachable member at once ({@link
 * ClusterState#putEverywhere}, {@link ClusterState#removeEverywhere}) unless the push timeout is
 * zero; then they are local writes that reach the others by delta propagation and gossip: 0.8-1.0 s
 * at the median to the last of 10-20 nodes, against about 0.12 s pushed (bench/RESULTS.md, "VIP
 * changes across the cluster", decision 013). A member that does not answer within the timeout
 * still gets the change by gossip; {@link #publish} does not wait for the answers.
 *
 * <p>Not thread-safe: owned by one thread (the poller thread, as its snapshot listener); only the
 * failure flag is also set by the pushes' completions, on Pekko threads.
 */
public final class VipPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(VipPublisher.class);
  private static final long WRITE_TIMEOUT_SECONDS = 5;

  /** How long a pushed change waits for every member's acknowledgement (in the background). */
  public static final Duration DEFAULT_PUSH_TIMEOUT = Duration.ofSeconds(1);

  private final ClusterState state;
  private final String nodeId;
  private final String agentIp;
  private final Duration pushTimeout;
  private final AtomicBoolean failing = new AtomicBoolean();

  /** A publisher that pushes each change to every member ({@link #DEFAULT_PUSH_TIMEOUT}). */
  public VipPublisher(ClusterState state, String agentIp) {
    this(state, agentIp, DEFAULT_PUSH_TIMEOUT);
  }

  /**
   * A publisher; {@code pushTimeout} zero writes locally only (replication by delta propagation and
   * gossip), otherwise each change is pushed to every member, which have that long to answer.
   */
  public VipPublisher(ClusterState state, String agentIp, Duration pushTimeout) {
    this.state = Objects.requireNonNull(state, "state");
    this.nodeId = state.nodeId();
    this.agentIp = IpLiterals.canonical("agentIp", agentIp);
    if (pushTimeout.isNegative()
        || pushTimeout.compareTo(Duration.ofSeconds(WRITE_TIMEOUT_SECONDS)) >= 0) {
      throw new IllegalArgumentException(
          "pushTimeout: " + pushTimeout + " (expected: 0 to " + WRITE_TIMEOUT_SECONDS + " s)");
    }
    this.pushTimeout = pushTimeout;
  }

  /** Publishes a poll result; see {@link #publish(Map)}. */
  public boolean publish(LocalVipsSnapshot snapshot) {
    return publish(snapshot.backends());
  }

  /**
   * Makes this node's fields match {@code backends} (backends of other agents are ignored).
   *
   * <p>Pushed writes are not waited for: the call returns once they are queued to the local replica
   * (every later read of it sees them), while the pushes to the other members go on in the
   * background. A member that is down would otherwise hold each change for the whole push timeout.
   * A push that fails is logged, and the next call repairs it.
   *
   * @return true when the cluster state matches, or will once the queued writes are applied; false
   *     after an error, which is logged once per failure streak — call again later to retry
   */
  public boolean publish(Map<VipId, List<Backend>> backends) {
    Map<StateKey<AgentVips>, List<VipBackends>> byBucket = new HashMap<>();
    backends.forEach(
        (vip, list) -> {
          List<Backend> own = list.stream().filter(b -> b.agentIp().equals(agentIp)).toList();
          if (!own.isEmpty()) {
            byBucket
                .computeIfAbsent(L4lbKeys.bucketOf(vip), k -> new ArrayList<>())
                .add(new VipBackends(vip, own));
          }
        });
    List<CompletionStage<Void>> writes = new ArrayList<>();
    try {
      for (StateKey<AgentVips> key : L4lbKeys.buckets()) {
        List<VipBackends> desired = byBucket.get(key);
        AgentVips want = desired == null ? null : new AgentVips(agentIp, desired);
        sync(key, want, writes);
      }
      if (pushTimeout.isZero()) {
        for (CompletionStage<Void> w : writes) {
          w.toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      failed(e);
      return false;
    }
    if (pushTimeout.isZero() || writes.isEmpty()) {
      succeeded();
    } else {
      // not waited for: a member that is down would hold every change for the whole timeout
      CompletableFuture.allOf(
              writes.stream()
                  .map(CompletionStage::toCompletableFuture)
                  .toArray(CompletableFuture[]::new))
          .whenComplete(
              (ok, e) -> {
                if (e == null) {
                  succeeded();
                } else {
                  failed(e);
                }
              });
    }
    return true;
  }

  private void failed(Throwable e) {
    if (!failing.getAndSet(true)) {
      LOG.warn("publishing this agent's VIP backends failed (will retry): {}", e.toString());
    }
  }

  private void succeeded() {
    if (failing.getAndSet(false)) {
      LOG.info("publishing this agent's VIP backends works again");
    }
  }

  private void sync(StateKey<AgentVips> key, AgentVips want, List<CompletionStage<Void>> writes) {
    AgentVips have = null;
    for (Map.Entry<String, StateEntry<AgentVips>> e : state.entries(key).entrySet()) {
      if (!nodeId.equals(e.getValue().owner())) {
        continue;
      }
      if (e.getKey().equals(nodeId)) {
        have = e.getValue().value();
      } else {
        writes.add(removeLogged(key, e.getKey(), e.getValue().value()));
      }
    }
    if (want == null) {
      if (have != null) {
        writes.add(removeLogged(key, nodeId, have));
      }
      return;
    }
    if (!want.equals(have)) {
      logDiff(have, want);
      writes.add(
          pushTimeout.isZero()
              ? state.put(key, nodeId, want)
              : state.putEverywhere(key, nodeId, want, pushTimeout));
    }
  }

  private CompletionStage<Void> removeLogged(StateKey<AgentVips> key, String field, AgentVips old) {
    logDiff(old, null);
    CompletionStage<Void> stage =
        pushTimeout.isZero()
            ? state.remove(key, field)
            : state.removeEverywhere(key, field, pushTimeout);
    return stage == null ? CompletableFuture.completedFuture(null) : stage;
  }

  /**
   * One INFO line per backend added, removed or re-weighted between {@code from} and {@code to}.
   */
  private static void logDiff(AgentVips from, AgentVips to) {
    Map<VipId, Map<String, Backend>> before = index(from);
    Map<VipId, Map<String, Backend>> after = index(to);
    before.forEach(
        (vip, old) ->
            old.forEach(
                (addr, b) -> {
                  Backend now = after.getOrDefault(vip, Map.of()).get(addr);
                  if (now == null) {
                    LOG.info("VIP {}: backend removed {} (weight {})", vip, addr, b.weight());
                  } else if (now.weight() != b.weight()) {
                    LOG.info(
                        "VIP {}: backend {} weight {} -> {}", vip, addr, b.weight(), now.weight());
                  }
                }));
    after.forEach(
        (vip, now) ->
            now.forEach(
                (addr, b) -> {
                  if (!before.getOrDefault(vip, Map.of()).containsKey(addr)) {
                    LOG.info("VIP {}: backend added {} (weight {})", vip, addr, b.weight());
                  }
                }));
  }

  private static Map<VipId, Map<String, Backend>> index(AgentVips v) {
    Map<VipId, Map<String, Backend>> out = new TreeMap<>();
    if (v == null) {
      return out;
    }
    for (VipBackends vb : v.vips()) {
      Map<String, Backend> m = out.computeIfAbsent(vb.vip(), k -> new TreeMap<>());
      for (Backend b : vb.backends()) {
        String ip = b.ip().indexOf(':') >= 0 ? "[" + b.ip() + "]" : b.ip();
        m.put(ip + ":" + b.port(), b);
      }
    }
    return out;
  }
}
