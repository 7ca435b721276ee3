package io.dcnet.state;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * Checks whether the state port can be bound again before a new incarnation starts (README
 * "Rejoin"), and recognises bind failures. Stateless, thread-safe.
 */
final class PortCheck {
  private static final long FIRST_BIND_RETRY_MS = 100;
  private static final long MAX_BIND_RETRY_MS = 2000;

  private PortCheck() {}

  /**
   * True when a listening socket could be bound to {@code host:port} right now (with {@code
   * SO_REUSEADDR}, as Pekko's listener does); the probe socket is closed again at once.
   */
  static boolean isFree(String host, int port) {
    try (ServerSocketChannel ch = ServerSocketChannel.open()) {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** True when {@code e} (or a cause) says the address is still in use. */
  static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Delay before bind attempt {@code attempt + 1}: 100 ms doubling, capped at 2 s. */
  static long bindRetryMillis(int attempt) {
    return Math.min(MAX_BIND_RETRY_MS, FIRST_BIND_RETRY_MS << Math.min(attempt, 5));
  }
}
