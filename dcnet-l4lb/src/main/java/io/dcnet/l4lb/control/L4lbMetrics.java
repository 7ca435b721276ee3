package io.dcnet.l4lb.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The control loop's meters (spec 3.5, registry {@code l4lb}, so the names carry no {@code l4lb}
 * prefix); Prometheus names in brackets:
 *
 * <ul>
 *   <li>gauges {@code vips} ({@code vips}), {@code backends}, {@code unreachable.backends}, {@code
 *       unreachable.vips}, {@code unreachable.nodes}, {@code skipped.vips}: from the last built
 *       snapshot ({@link L4Stats});
 *   <li>counter {@code reconciled.rules} ({@code reconciled_rules_total}): reconciles that found
 *       the installed state different from the desired one;
 *   <li>timer {@code vips.duration} ({@code vips_duration_seconds}): duration of each data-plane
 *       sync;
 *   <li>timer {@code readback.duration} ({@code readback_duration_seconds}): duration of each full
 *       read-back of the installed state (its count is the number of read-backs);
 *   <li>counters {@code sync.failures} ({@code sync_failures_total}) and {@code syncs} ({@code
 *       syncs_total}): failed and successful data-plane syncs.
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
  private final Timer readBack;

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
    readBack =
        Timer.builder("readback.duration")
            .description("duration of full read-backs of the installed state")
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

  void readBack(Duration took) {
    readBack.record(took);
  }

  void synced(Duration took) {
    syncs.increment();
    duration.record(took);
  }
}
