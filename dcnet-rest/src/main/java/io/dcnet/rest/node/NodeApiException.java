package io.dcnet.rest.node;

import java.io.IOException;

/**
 * A node API call failed: no daemon answering, a timeout, a non-200 status or a body that is not
 * the expected JSON. The message is meant for the CLI user, after the command's own prefix ({@code
 * dcnet nodes: ...}).
 *
 * <p>Immutable.
 */
public final class NodeApiException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  NodeApiException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status when the daemon answered with an unexpected one, else 0. */
  public int status() {
    return status;
  }
}
