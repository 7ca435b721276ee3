package io.dcnet.state;

/** Handle of a listener registration. Thread-safe; closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
