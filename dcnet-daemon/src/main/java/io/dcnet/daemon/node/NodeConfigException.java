package io.dcnet.daemon.node;

/**
 * A malformed {@code dcnet master|agent} config; the message names the key and expected form.
 *
 * <p>Immutable once thrown; thread-safe.
 */
public final class NodeConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public NodeConfigException(String message) {
    super(message);
  }

  public NodeConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
