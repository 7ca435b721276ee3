package io.dcnet.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Maps Mesos-DNS's {@code -v} levels onto dcnet's loggers. */
final class Logging {
  private Logging() {}

  static void setVerbosity(int v) {
    Level level = v >= 2 ? Level.TRACE : v == 1 ? Level.DEBUG : null;
    if (level != null) {
      ((Logger) LoggerFactory.getLogger("io.dcnet")).setLevel(level);
    }
  }
}
