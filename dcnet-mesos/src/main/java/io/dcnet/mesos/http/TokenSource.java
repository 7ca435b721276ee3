package io.dcnet.mesos.http;

import java.io.IOException;

/**
 * Obtains a fresh authentication token (for example by a DC/OS IAM login). Called by {@link
 * MesosAuth.RenewingToken} when it has no token yet, when the period is over, or after a 401.
 *
 * <p>Implementations must be thread-safe; the caller serialises calls, so at most one fetch runs at
 * a time per {@link MesosAuth.RenewingToken}. {@code toString} must not print secrets.
 */
@FunctionalInterface
public interface TokenSource {

  /**
   * Fetches a new token. Blocks the calling thread.
   *
   * @return the token, non-empty, without control characters
   * @throws IOException the token could not be obtained (the message names the endpoint)
   */
  String fetchToken() throws IOException, InterruptedException;
}
