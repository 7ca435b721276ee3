package io.dcnet.daemon;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a long-running command learns it must stop: a signal (SIGINT/SIGTERM, exit code 0) or a fatal
 * condition reported by a component (exit code 1). The shutdown hook waits (up to 10 s) until the
 * command has closed everything, which it signals by closing this object last:
 *
 * <pre>{@code
 * try (ExitSignal exit = ExitSignal.install(); Thing t = start()) { return exit.await(); }
 * }</pre>
 *
 * <p>Thread-safe.
 */
final class ExitSignal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExitSignal.class);
  private final CompletableFuture<Integer> code = new CompletableFuture<>();
  private final CountDownLatch cleaned = new CountDownLatch(1);

  private ExitSignal() {}

  /** Installs the shutdown hook. */
  static ExitSignal install() {
    ExitSignal s = new ExitSignal();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  s.code.complete(0);
                  try {
                    s.cleaned.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "dcnet-shutdown"));
    return s;
  }

  /** Marks the command's cleanup as done; the shutdown hook then lets the JVM exit. */
  @Override
  public void close() {
    cleaned.countDown();
  }

  /** Stops with exit code 1 after logging {@code reason}. */
  void fail(String reason) {
    LOG.error("stopping: {}", reason);
    code.complete(1);
  }

  boolean isDone() {
    return code.isDone();
  }

  /** Blocks until a signal or a failure; returns the exit code. */
  int await() throws InterruptedException {
    try {
      return code.get();
    } catch (ExecutionException e) {
      return 1;
    }
  }
}
