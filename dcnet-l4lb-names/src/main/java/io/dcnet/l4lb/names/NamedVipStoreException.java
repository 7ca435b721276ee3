package io.dcnet.l4lb.names;

/** The named-VIP store could not complete an operation (unreachable, no quorum, conflict). */
public class NamedVipStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NamedVipStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public NamedVipStoreException(String message) {
    super(message);
  }
}
