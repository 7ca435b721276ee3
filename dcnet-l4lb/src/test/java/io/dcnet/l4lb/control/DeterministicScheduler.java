package io.dcnet.l4lb.control;

import io.dcnet.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} driven by a {@link ManualClock}: tasks run on the calling
 * thread inside {@link #advance} / {@link #runDue}, in due-time order (ties in submission order).
 * Supports {@code execute} and one-shot {@code schedule}; periodic scheduling is not supported.
 *
 * <p>Not thread-safe: use from the test thread only.
 */
public final class DeterministicScheduler extends AbstractExecutorService
    implements ScheduledExecutorService {
  private final ManualClock clock;
  private final PriorityQueue<Task<?>> queue =
      new PriorityQueue<>(
          Comparator.comparing((Task<?> t) -> t.due).thenComparingLong(t -> t.sequence));
  private long sequence;
  private boolean shutdown;

  public DeterministicScheduler(ManualClock clock) {
    this.clock = clock;
  }

  /** Runs every task due now (including tasks those tasks schedule for now). Bounded. */
  public int runDue() {
    int ran = 0;
    while (!queue.isEmpty() && !queue.peek().due.isAfter(clock.instant())) {
      if (++ran > 10_000) {
        throw new IllegalStateException("more than 10000 tasks due at once: a busy loop?");
      }
      Task<?> t = queue.poll();
      if (!t.isCancelled()) {
        t.run();
      }
    }
    return ran;
  }

  /**
   * Moves the clock forward by {@code d} in steps to each due task and runs the due tasks, in
   * order.
   */
  public void advance(Duration d) {
    Instant end = clock.instant().plus(d);
    runDue();
    while (!queue.isEmpty() && !queue.peek().due.isAfter(end)) {
      Instant next = queue.peek().due;
      if (next.isAfter(clock.instant())) {
        clock.advance(Duration.between(clock.instant(), next));
      }
      runDue();
    }
    if (end.isAfter(clock.instant())) {
      clock.advance(Duration.between(clock.instant(), end));
    }
    runDue();
  }

  /** Live (not cancelled) tasks waiting to run. */
  public int pending() {
    return (int) queue.stream().filter(t -> !t.isCancelled()).count();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(
        () -> {
          command.run();
          return null;
        },
        delay,
        unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return add(callable, delay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException("periodic tasks are not supported");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("periodic tasks are not supported");
  }

  @Override
  public void execute(Runnable command) {
    var unused = schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> out = new ArrayList<>(queue);
    queue.clear();
    return out;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return shutdown;
  }

  private <V> Task<V> add(Callable<V> c, long delay, TimeUnit unit) {
    if (shutdown) {
      throw new java.util.concurrent.RejectedExecutionException("shut down");
    }
    Task<V> t =
        new Task<>(c, clock.instant().plusNanos(Math.max(0, unit.toNanos(delay))), sequence++);
    queue.add(t);
    return t;
  }

  private final class Task<V> extends java.util.concurrent.FutureTask<V>
      implements ScheduledFuture<V> {
    final Instant due;
    final long sequence;

    Task(Callable<V> c, Instant due, long sequence) {
      super(c);
      this.due = due;
      this.sequence = sequence;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(clock.instant(), due));
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
