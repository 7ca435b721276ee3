package io.dcnet.rest.node;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named Prometheus registries served by {@code GET /v1/metrics/[registry]} (spec §6.2): by
 * default {@code default} (JVM collectors, the Erlang VM's stand-in), {@code dns} and {@code
 * mesos_listener}. Producers register their meters in {@link #registry(String)}; meters whose label
 * sets only exist at run time (e.g. {@link NodeDnsMetrics}) add a hook with {@link
 * #beforeScrape(Runnable)} that is run before every scrape.
 *
 * <p>Thread-safe: the name → registry map is fixed at construction; hooks live in a copy-on-write
 * list. A failing hook is logged once (WARN, later DEBUG), counted and skipped.
 */
public final class NodeMetricsRegistries {
  private static final Logger LOG = LoggerFactory.getLogger(NodeMetricsRegistries.class);

  public static final String DEFAULT = "default";
  public static final String DNS = "dns";
  public static final String MESOS_LISTENER = "mesos_listener";
  public static final String L4LB = "l4lb";

  private final Map<String, PrometheusMeterRegistry> registries;
  private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
  private final Set<Runnable> hooksThatFailed = ConcurrentHashMap.newKeySet();
  private final AtomicLong hookFailures = new AtomicLong();

  /** Registries by name (iteration order kept); names must be non-empty. */
  public NodeMetricsRegistries(Map<String, PrometheusMeterRegistry> registries) {
    Objects.requireNonNull(registries, "registries");
    Map<String, PrometheusMeterRegistry> copy = new LinkedHashMap<>();
    registries.forEach(
        (name, r) -> {
          if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(
                "registry name: '" + name + "' (expected: non-empty)");
          }
          copy.put(name, Objects.requireNonNull(r, "registry " + name));
        });
    this.registries = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * The four standard registries ({@code default}, {@code dns}, {@code mesos_listener}, {@code
   * l4lb}); {@code default} carries JVM memory, thread, class-loader, processor and uptime meters.
   */
  public static NodeMetricsRegistries standard() {
    PrometheusMeterRegistry def = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(def);
    new JvmThreadMetrics().bindTo(def);
    new ClassLoaderMetrics().bindTo(def);
    new ProcessorMetrics().bindTo(def);
    new UptimeMetrics().bindTo(def);
    Map<String, PrometheusMeterRegistry> m = new LinkedHashMap<>();
    m.put(DEFAULT, def);
    m.put(DNS, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    m.put(MESOS_LISTENER, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    m.put(L4LB, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    return new NodeMetricsRegistries(m);
  }

  /** The registry called {@code name}, if any. */
  public Optional<PrometheusMeterRegistry> registry(String name) {
    return Optional.ofNullable(registries.get(name));
  }

  /** Registry names, in construction order. */
  public Set<String> names() {
    return registries.keySet();
  }

  /** Adds a hook run (on the scraping thread) before every scrape of any registry. */
  public NodeMetricsRegistries beforeScrape(Runnable hook) {
    hooks.add(Objects.requireNonNull(hook, "hook"));
    return this;
  }

  /**
   * Runs the hooks, then renders registry {@code name} in the Prometheus text format 0.0.4; empty
   * when there is no such registry.
   */
  public Optional<byte[]> scrape(String name) throws IOException {
    PrometheusMeterRegistry r = registries.get(name);
    if (r == null) {
      return Optional.empty();
    }
    runHooks();
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    r.scrape(out);
    return Optional.of(out.toByteArray());
  }

  /** How many hook runs have thrown. */
  public long hookFailures() {
    return hookFailures.get();
  }

  private void runHooks() {
    for (Runnable h : hooks) {
      try {
        h.run();
      } catch (RuntimeException e) {
        hookFailures.incrementAndGet();
        if (hooksThatFailed.add(h)) {
          LOG.warn("metrics: a before-scrape hook failed; scraping anyway", e);
        } else {
          LOG.debug("metrics: a before-scrape hook failed again", e);
        }
      }
    }
  }
}
