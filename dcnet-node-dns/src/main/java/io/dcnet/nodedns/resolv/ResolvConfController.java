package io.dcnet.nodedns.resolv;

import io.dcnet.core.lifecycle.DaemonThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a resolv.conf pointing at the node DNS addresses that answer (dcos-net's {@code
 * gen_resolvconf}): every round probes each address ({@link ReadyProbe}), chooses the nameservers
 * ({@link NameserverChoice}) and replaces the file when its text changes ({@link
 * ResolvConfWriter}). So a node whose DNS stops answering falls back to the upstream resolvers
 * within one interval, and returns to the node DNS when it answers again.
 *
 * <p>Threading: {@link #runOnce()} is synchronized; {@link #start()} runs it on one owned thread,
 * {@code dcnet-resolvconf}, every {@code interval}; a failed round is logged and counted, and the
 * next one tries again.
 */
public final class ResolvConfController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResolvConfController.class);

  /**
   * @param output the file to keep (normally {@code /etc/resolv.conf})
   * @param nameservers the node DNS addresses, in preference order
   * @param fallback the resolvers to list when none of them answers
   * @param search the {@code search} domains
   * @param options the {@code options} words
   * @param interval the time between rounds
   */
  public record Settings(
      Path output,
      List<InetAddress> nameservers,
      List<String> fallback,
      List<String> search,
      List<String> options,
      Duration interval) {
    public Settings {
      Objects.requireNonNull(output, "output");
      nameservers = List.copyOf(nameservers);
      fallback = List.copyOf(fallback);
      search = List.copyOf(search);
      options = List.copyOf(options);
      Objects.requireNonNull(interval, "interval");
      if (nameservers.isEmpty()) {
        throw new IllegalArgumentException("nameservers: none (expected: at least one address)");
      }
    }
  }

  /** What one round did: the nameservers the file lists, and whether it was rewritten. */
  public record Round(List<String> nameservers, boolean written) {}

  private final Settings settings;
  private final ReadyProbe probe;
  private final Random random;
  private final AtomicLong failures = new AtomicLong();
  private Set<String> up; // guarded by this; null before the first round
  private List<String> chosen = List.of(); // guarded by this
  private String lastError; // guarded by this
  private ScheduledExecutorService timer;

  public ResolvConfController(Settings settings, ReadyProbe probe, Random random) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Probes, chooses and writes once. */
  public synchronized Round runOnce() throws IOException {
    List<String> candidates =
        settings.nameservers().stream().map(InetAddress::getHostAddress).toList();
    Set<String> answering = new HashSet<>();
    for (InetAddress ns : settings.nameservers()) {
      if (probe.answers(ns)) {
        answering.add(ns.getHostAddress());
      }
    }
    logTransitions(candidates, answering);
    List<String> next =
        NameserverChoice.choose(candidates, answering, settings.fallback(), chosen, random);
    String text =
        ResolvConfRenderer.render(next, settings.search(), settings.options(), "dcnet resolvconf");
    boolean written = ResolvConfWriter.write(settings.output(), text);
    if (written || !next.equals(chosen)) {
      LOG.info("{}: nameservers {} ({})", settings.output(), next, why(answering));
    }
    chosen = next;
    return new Round(next, written);
  }

  private void logTransitions(List<String> candidates, Set<String> answering) {
    for (String ns : candidates) {
      boolean now = answering.contains(ns);
      if (up == null ? !now : up.contains(ns) != now) {
        if (now) {
          LOG.info("node DNS {} answers ready.spartan", ns);
        } else {
          LOG.warn("node DNS {} does not answer ready.spartan", ns);
        }
      }
    }
    up = answering;
  }

  private String why(Set<String> answering) {
    if (!answering.isEmpty()) {
      return "the node DNS addresses that answer";
    }
    return settings.fallback().isEmpty()
        ? "no node DNS answers and there is no fallback"
        : "no node DNS answers: fallback resolvers";
  }

  /** Rounds that failed (the file could not be written). */
  public long failures() {
    return failures.get();
  }

  /** Runs a round now and then every {@code interval} on the {@code dcnet-resolvconf} thread. */
  public synchronized void start() {
    if (timer != null) {
      throw new IllegalStateException("already started");
    }
    timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dcnet-resolvconf"));
    long every = settings.interval().toMillis();
    timer.scheduleWithFixedDelay(this::round, 0, every, TimeUnit.MILLISECONDS);
  }

  private void round() {
    try {
      runOnce();
      synchronized (this) {
        lastError = null;
      }
    } catch (IOException | RuntimeException e) {
      failures.incrementAndGet();
      String message = e.toString();
      synchronized (this) {
        if (!message.equals(lastError)) {
          LOG.warn("{}: could not write: {}", settings.output(), message);
          lastError = message;
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
