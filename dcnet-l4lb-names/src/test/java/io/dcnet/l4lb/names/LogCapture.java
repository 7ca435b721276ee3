package io.dcnet.l4lb.names;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records the events of one logback logger while open (test helper). Thread-safe: events arrive on
 * the logging thread and are read by the test.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final Logger logger;
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
  }

  static LogCapture of(Class<?> loggerOf) {
    LogCapture c = new LogCapture((Logger) LoggerFactory.getLogger(loggerOf));
    c.setContext(c.logger.getLoggerContext());
    c.start();
    c.logger.addAppender(c);
    return c;
  }

  @Override
  protected void append(ILoggingEvent e) {
    events.add(e);
  }

  /** Number of events at {@code level} whose formatted message contains {@code text}. */
  long count(Level level, String text) {
    return events.stream()
        .filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(text))
        .count();
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}
