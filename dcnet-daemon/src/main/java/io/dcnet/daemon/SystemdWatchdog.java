package io.dcnet.daemon;

import io.dcnet.core.lifecycle.DaemonThreads;
import io.dcnet.nodedns.resolv.ReadyProbe;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings systemd's watchdog ({@code WATCHDOG=1}, at half of {@code WATCHDOG_USEC}) only while this
 * node's DNS answers {@code ready.spartan} on one of its addresses. A dcnet whose DNS hangs thus
 * stops pinging, and systemd kills and restarts it after {@code WatchdogSec} (dcos-net's watchdog
 * script did the same by hand).
 *
 * <p>Threading: one owned thread, {@code dcnet-sd-watchdog}; {@link #healthy()} is safe from any
 * thread.
 */
final class SystemdWatchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SystemdWatchdog.class);

  private final SystemdNotifier notifier;
  private final List<InetAddress> addresses;
  private final ReadyProbe probe;
  private final ScheduledExecutorService timer;
  private volatile boolean healthy = true;

  private SystemdWatchdog(
      SystemdNotifier notifier, List<InetAddress> addresses, ReadyProbe probe, Duration every) {
    this.notifier = notifier;
    this.addresses = List.copyOf(addresses);
    this.probe = probe;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dcnet-sd-watchdog"));
    long ms = Math.max(1, every.toMillis());
    timer.scheduleWithFixedDelay(this::round, 0, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts pinging when {@code env} asks for the watchdog ({@code WATCHDOG_USEC}, and {@code
   * WATCHDOG_PID} unset or this process).
   *
   * @param addresses the node DNS addresses to probe (the probe knows the port)
   */
  static Optional<SystemdWatchdog> start(
      Map<String, String> env,
      SystemdNotifier notifier,
      List<InetAddress> addresses,
      ReadyProbe probe) {
    Objects.requireNonNull(notifier, "notifier");
    String pid = env.getOrDefault("WATCHDOG_PID", "");
    if (!pid.isEmpty() && !pid.equals(String.valueOf(ProcessHandle.current().pid()))) {
      return Optional.empty();
    }
    long usec;
    try {
      usec = Long.parseLong(env.getOrDefault("WATCHDOG_USEC", ""));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (usec <= 0 || addresses.isEmpty()) {
      return Optional.empty();
    }
    Duration every = Duration.ofNanos(usec * 1000 / 2);
    LOG.info("systemd watchdog: pinging every {} ms while node DNS answers", every.toMillis());
    return Optional.of(new SystemdWatchdog(notifier, addresses, probe, every));
  }

  /** Whether the last round found the node DNS answering. */
  boolean healthy() {
    return healthy;
  }

  private void round() {
    boolean up = addresses.stream().anyMatch(probe::answers);
    if (up) {
      notifier.send("WATCHDOG=1");
    }
    if (up != healthy) {
      if (up) {
        LOG.info("node DNS answers again: pinging the systemd watchdog again");
      } else {
        LOG.warn(
            "node DNS {} does not answer ready.spartan: not pinging the systemd watchdog, which"
                + " restarts dcnet unless it answers within WatchdogSec",
            addresses);
      }
    }
    healthy = up;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
