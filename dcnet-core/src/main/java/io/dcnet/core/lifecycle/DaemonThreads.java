package io.dcnet.core.lifecycle;

import java.util.concurrent.ThreadFactory;

/**
 * Thread factories for dcnet's own single-purpose threads (controllers, pollers, timers): daemon
 * threads, so a forgotten executor never keeps the JVM alive, with a name that says their role in
 * thread dumps and logs.
 *
 * <p>Stateless; thread-safe.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory of daemon threads all called {@code name}. */
  public static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
