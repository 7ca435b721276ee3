package io.dcnet.state;

import io.dcnet.core.lifecycle.DaemonThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The node's control thread {@code dcnet-state-control-<nodeId>}, on which all maintenance and
 * every incarnation restart run, one task at a time, together with the node's "closed" flag. Once
 * closed, new tasks are dropped silently (the node is going away) and a running task is
 * interrupted.
 *
 * <p>Thread-safe: tasks may be submitted from any thread, including Pekko's dispatcher threads.
 */
final class ControlThread {
  private final ScheduledExecutorService executor;
  private final AtomicBoolean closed = new AtomicBoolean();

  ControlThread(String nodeId) {
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("dcnet-state-control-" + nodeId));
  }

  /** True once {@link #close()} was called. */
  boolean isClosed() {
    return closed.get();
  }

  /** Runs {@code task} on the control thread soon; dropped when closed. */
  void execute(Runnable task) {
    if (!closed.get()) {
      try {
        executor.execute(task);
      } catch (RejectedExecutionException e) {
        // closing
      }
    }
  }

  /** Runs {@code task} once after {@code delayMillis}; dropped when the thread has stopped. */
  void schedule(Runnable task, long delayMillis) {
    try {
      var unused = executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** Runs {@code task} every {@code periodMillis} after the previous run ended, until closed. */
  void scheduleWithFixedDelay(Runnable task, long initialMillis, long periodMillis) {
    var unused =
        executor.scheduleWithFixedDelay(task, initialMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Marks the node closed and stops the thread, interrupting a running task.
   *
   * @return false when it was already closed
   */
  boolean close() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    executor.shutdownNow();
    return true;
  }
}
