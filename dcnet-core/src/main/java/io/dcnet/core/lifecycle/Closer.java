package io.dcnet.core.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what was started, in reverse order of start, and keeps going when one close fails (the
 * failure is logged at WARN). For daemons that start several components and must leave nothing
 * running on stop or on a failed start.
 *
 * <p>Thread-safe: all methods are synchronized.
 */
public final class Closer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Closer.class);
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  /** Registers {@code c} to be closed before everything registered earlier; returns it. */
  public synchronized <T extends AutoCloseable> T register(T c) {
    started.push(c);
    return c;
  }

  /** True if nothing is registered (nothing started, or everything closed). */
  public synchronized boolean isEmpty() {
    return started.isEmpty();
  }

  /** Closes everything registered, newest first. May be called more than once. */
  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable c = started.pop();
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("while stopping {}: {}", c, e.toString());
      }
    }
  }
}
