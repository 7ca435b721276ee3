package io.dcnet.daemon;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a long-running command learns it must stop: a signal (SIGINT/SIGTERM, exit code 0) or a fatal
 * condition reported by a component (exit code 1). The shutdown hook waits for the command's
 * cleanup so that nothing is left running.
 *
 * <p>Thread-safe.
 */
final class ExitSignal {
  private static final Logger LOG = LoggerFactory.getLogger(ExitSignal.class);
  private final CompletableFuture<Integer> code = new CompletableFuture<>();

  private ExitSignal() {}

  /** Installs the shutdown hook; the calling thread is the one whose cleanup the hook awaits. */
  static ExitSignal install() {
    ExitSignal s = new ExitSignal();
    Thread owner = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  s.code.complete(0);
                  try {
                    owner.join(10_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "dcnet-shutdown"));
    return s;
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
