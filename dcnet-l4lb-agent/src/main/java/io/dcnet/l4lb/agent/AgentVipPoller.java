package io.dcnet.l4lb.agent;

import io.dcnet.core.lifecycle.DaemonThreads;
import io.dcnet.core.net.IpLiterals;
import io.dcnet.mesos.stream.Backoff;
import io.dcnet.mesos.v1.AgentState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the local Mesos agent's state (every 2 s by default; jittered exponential backoff up to 60
 * s after errors), extracts this agent's VIP backends with {@link AgentBackendsExtractor} and hands
 * each {@link LocalVipsSnapshot} to the listener — after every successful poll, changed or not, so
 * that the listener can repair what it published. Updates {@link AgentVipMetrics}.
 *
 * <p>Thread-safe: {@link #start} and {@link #close} may be called from any thread. Polls and
 * listener calls run on one daemon thread, {@code dcnet-l4lb-agent-poller}, one at a time. The loop
 * never dies: source and listener failures are caught, logged once per failure streak, counted and
 * retried.
 */
public final class AgentVipPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentVipPoller.class);

  /**
   * Poller settings.
   *
   * @param interval time between successful polls (dcos-net: 2 s)
   * @param maxBackoff the longest wait after repeated errors (dcos-net: 60 s)
   * @param ipv6Enabled whether named VIPs get IPv6 task addresses as backends
   */
  public record Options(Duration interval, Duration maxBackoff, boolean ipv6Enabled) {
    public Options {
      if (interval == null || interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
      }
      if (maxBackoff == null || maxBackoff.compareTo(interval) < 0) {
        throw new IllegalArgumentException(
            "maxBackoff: " + maxBackoff + " (expected: >= interval " + interval + ")");
      }
    }

    /** 2 s, backoff to 60 s, IPv6 enabled. */
    public static Options defaults() {
      return new Options(Duration.ofSeconds(2), Duration.ofSeconds(60), true);
    }
  }

  private final AgentStateSource source;
  private final String agentIp;
  private final Options options;
  private final Consumer<LocalVipsSnapshot> listener;
  private final AgentVipMetrics metrics;
  private final Backoff backoff;
  private final ScheduledExecutorService executor;
  private volatile LocalVipsSnapshot last;
  private volatile int failures; // written by the poller thread only
  private boolean started; // guarded by this

  /**
   * @param agentIp this agent's IP literal (the {@code agentIp} of every backend it publishes)
   * @param listener gets every snapshot, on the poller thread
   */
  public AgentVipPoller(
      AgentStateSource source,
      String agentIp,
      Options options,
      MeterRegistry registry,
      Consumer<LocalVipsSnapshot> listener) {
    this.source = Objects.requireNonNull(source, "source");
    this.options = Objects.requireNonNull(options, "options");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.agentIp = IpLiterals.canonical("agentIp", agentIp);
    this.metrics = new AgentVipMetrics(Objects.requireNonNull(registry, "registry"));
    this.backoff =
        new Backoff(
            options.interval(), options.maxBackoff(), RandomGenerator.of("L64X128MixRandom"));
    this.executor =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dcnet-l4lb-agent-poller"));
  }

  /** Starts polling now. Idempotent. */
  public synchronized void start() {
    if (!started) {
      started = true;
      executor.execute(this::loop);
    }
  }

  /** The last successful snapshot, if any. */
  public Optional<LocalVipsSnapshot> last() {
    return Optional.ofNullable(last);
  }

  /** Failed polls since the last successful one. */
  public int consecutiveFailures() {
    return failures;
  }

  private void loop() {
    Duration next = pollOnce() ? options.interval() : backoff.delay(failures - 1);
    try {
      executor.schedule(this::loop, next.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("agent VIP poller closed");
    }
  }

  /** One poll; true when the state was read (listener failures do not count as poll failures). */
  boolean pollOnce() {
    AgentState state;
    LocalVipsSnapshot snapshot;
    try {
      state = source.fetch();
      snapshot = AgentBackendsExtractor.extract(state, agentIp, options.ipv6Enabled());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      failures++;
      metrics.pollFailed();
      if (failures == 1) {
        LOG.warn("local agent state poll failed (retrying with backoff): {}", e.toString());
      } else {
        LOG.debug("local agent state poll failed again ({}): {}", failures, e.toString());
      }
      return false;
    }
    if (failures > 0) {
      LOG.info("local agent state poll recovered after {} failures", failures);
      failures = 0;
    }
    metrics.update(snapshot);
    last = snapshot;
    try {
      listener.accept(snapshot);
    } catch (RuntimeException e) {
      LOG.warn("local VIP snapshot listener failed (next poll retries): {}", e.toString(), e);
    }
    return true;
  }

  /** Stops polling and waits (up to 5 s) for a poll in progress. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("agent VIP poller did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
