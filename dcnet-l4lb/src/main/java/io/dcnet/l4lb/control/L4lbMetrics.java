package io.dcnet.l4lb.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The control loop's meters (spec 3.5, registry {@code l4lb}); Prometheus names in brackets:
 *
 * <ul>
 *   <li>gauges {@code l4lb.vips} ({@code l4lb_vips}), {@code l4lb.backends}, {@code
 *       l4lb.unreachable.backends}, {@code l4lb.unreachable.vips}, {@code l4lb.unreachable.nodes},
 *       {@code l4lb.skipped.vips}: from the last built snapshot ({@link L4Stats});
 *   <li>counter {@code l4lb.reconciled.rules} ({@code l4lb_reconciled_rules_total}): reconciles
 *       that found the installed state different from the desired one;
 *   <li>timer {@code l4lb.vips.duration} ({@code l4lb_vips_duration_seconds}): duration of each
 *       data-plane sync;
 *   <li>counters {@code l4lb.sync.failures} ({@code l4lb_sync_failures_total}) and {@code
 *       l4lb.syncs} ({@code l4lb_syncs_total}): failed and successful data-plane syncs.
 * </ul>
 *
 * <p>All meters carry the tag {@code dataplane} (the data plane's {@code kind()}). Thread-safe.
 */
public final class L4lbMetrics {
  private final AtomicReference<L4Stats> stats = new AtomicReference<>(L4Stats.EMPTY);
  private final Counter reconciled;
  private final Counter failures;
  private final Counter syncs;
  private final Timer duration;

  public L4lbMetrics(MeterRegistry registry, String dataPlaneKind) {
    gauge(registry, dataPlaneKind, "vips", "installed VIP services", s -> s.vips());
    gauge(registry, dataPlaneKind, "backends", "installed backends", s -> s.backends());
    gauge(
        registry,
        dataPlaneKind,
        "unreachable.backends",
        "backends on unreachable agents",
        s -> s.unreachableBackends());
    gauge(
        registry,
        dataPlaneKind,
        "unreachable.vips",
        "VIPs whose every backend is unreachable (kept, fail-open)",
        s -> s.unreachableVips());
    gauge(
        registry,
        dataPlaneKind,
        "unreachable.nodes",
        "unreachable agents that publish backends",
        s -> s.unreachableNodes());
    gauge(
        registry,
        dataPlaneKind,
        "skipped.vips",
        "VIPs not installed (no named address, family, IPv6 disabled)",
        s -> s.skippedVips());
    reconciled =
        Counter.builder("reconciled.rules")
            .description("reconciles that found installed state differing from the desired one")
            .tag("dataplane", dataPlaneKind)
            .register(registry);
    failures =
        Counter.builder("sync.failures")
            .description("failed data-plane syncs")
            .tag("dataplane", dataPlaneKind)
            .register(registry);
    syncs =
        Counter.builder("syncs")
            .description("successful data-plane syncs")
            .tag("dataplane", dataPlaneKind)
            .register(registry);
    duration =
        Timer.builder("vips.duration")
            .description("duration of data-plane syncs")
            .tag("dataplane", dataPlaneKind)
            .register(registry);
  }

  private void gauge(
      MeterRegistry registry,
      String kind,
      String name,
      String description,
      java.util.function.ToIntFunction<L4Stats> f) {
    Gauge.builder(name, stats, r -> f.applyAsInt(r.get()))
        .description(description)
        .tag("dataplane", kind)
        .register(registry);
  }

  void stats(L4Stats s) {
    stats.set(s);
  }

  void reconciled() {
    reconciled.increment();
  }

  void failed() {
    failures.increment();
  }

  void synced(Duration took) {
    syncs.increment();
    duration.record(took);
  }
}
