package io.dcnet.l4lb.control;

import io.dcnet.l4lb.dataplane.Destination;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Settings of {@link L4lbController}. Immutable; start from {@link #defaults()} and use the {@code
 * with*} methods.
 *
 * @param minSyncInterval at most one sync per this interval (default 200 ms)
 * @param reconcileInterval a sync, and a check of the installed state, at least this often (default
 *     30 s, dcos-net's {@code reconcile_timeout}); the full read-back runs as often as its cost
 *     allows ({@code DriftCheck})
 * @param retryInitial first retry delay after a failed sync (default 1 s, doubling)
 * @param retryMax largest retry delay (default 30 s)
 * @param settle how long the state must be Up before the first sync (default 2 s, see {@link
 *     StartGate})
 * @param startTimeout first sync at the latest this long after start (default 10 s)
 * @param ipv6Enabled install IPv6 VIPs (default true)
 * @param localAgentIp this node's agent IP, null on masters
 * @param localRewrite rewrite of destinations on this agent (default identity); when it starts to
 *     map differently, call {@link L4lbController#localRewriteChanged()}
 * @param changelogLimit INFO change lines per sync before one summary line (default 50)
 */
public record L4lbControllerConfig(
    Duration minSyncInterval,
    Duration reconcileInterval,
    Duration retryInitial,
    Duration retryMax,
    Duration settle,
    Duration startTimeout,
    boolean ipv6Enabled,
    String localAgentIp,
    UnaryOperator<Destination> localRewrite,
    int changelogLimit) {
  public L4lbControllerConfig {
    Objects.requireNonNull(minSyncInterval, "minSyncInterval");
    Objects.requireNonNull(reconcileInterval, "reconcileInterval");
    Objects.requireNonNull(retryInitial, "retryInitial");
    Objects.requireNonNull(retryMax, "retryMax");
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (reconcileInterval.compareTo(minSyncInterval) < 0 || reconcileInterval.isZero()) {
      throw new IllegalArgumentException(
          "reconcileInterval: "
              + reconcileInterval
              + " (expected: > 0 and at least minSyncInterval "
              + minSyncInterval
              + ")");
    }
    if (changelogLimit < 1) {
      throw new IllegalArgumentException(
          "changelogLimit: " + changelogLimit + " (expected: 1 or more)");
    }
    localRewrite = localRewrite == null ? UnaryOperator.identity() : localRewrite;
  }

  /** The defaults listed on the record. */
  public static L4lbControllerConfig defaults() {
    return new L4lbControllerConfig(
        Duration.ofMillis(200),
        Duration.ofSeconds(30),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        true,
        null,
        UnaryOperator.identity(),
        50);
  }

  public L4lbControllerConfig withMinSyncInterval(Duration d) {
    return new L4lbControllerConfig(
        d,
        reconcileInterval,
        retryInitial,
        retryMax,
        settle,
        startTimeout,
        ipv6Enabled,
        localAgentIp,
        localRewrite,
        changelogLimit);
  }

  public L4lbControllerConfig withReconcileInterval(Duration d) {
    return new L4lbControllerConfig(
        minSyncInterval,
        d,
        retryInitial,
        retryMax,
        settle,
        startTimeout,
        ipv6Enabled,
        localAgentIp,
        localRewrite,
        changelogLimit);
  }

  public L4lbControllerConfig withRetry(Duration initial, Duration max) {
    return new L4lbControllerConfig(
        minSyncInterval,
        reconcileInterval,
        initial,
        max,
        settle,
        startTimeout,
        ipv6Enabled,
        localAgentIp,
        localRewrite,
        changelogLimit);
  }

  public L4lbControllerConfig withStart(Duration newSettle, Duration newStartTimeout) {
    return new L4lbControllerConfig(
        minSyncInterval,
        reconcileInterval,
        retryInitial,
        retryMax,
        newSettle,
        newStartTimeout,
        ipv6Enabled,
        localAgentIp,
        localRewrite,
        changelogLimit);
  }

  public L4lbControllerConfig withIpv6Enabled(boolean on) {
    return new L4lbControllerConfig(
        minSyncInterval,
        reconcileInterval,
        retryInitial,
        retryMax,
        settle,
        startTimeout,
        on,
        localAgentIp,
        localRewrite,
        changelogLimit);
  }

  public L4lbControllerConfig withLocalAgent(String ip, UnaryOperator<Destination> rewrite) {
    return new L4lbControllerConfig(
        minSyncInterval,
        reconcileInterval,
        retryInitial,
        retryMax,
        settle,
        startTimeout,
        ipv6Enabled,
        ip,
        rewrite,
        changelogLimit);
  }

  public L4lbControllerConfig withChangelogLimit(int limit) {
    return new L4lbControllerConfig(
        minSyncInterval,
        reconcileInterval,
        retryInitial,
        retryMax,
        settle,
        startTimeout,
        ipv6Enabled,
        localAgentIp,
        localRewrite,
        limit);
  }
}
