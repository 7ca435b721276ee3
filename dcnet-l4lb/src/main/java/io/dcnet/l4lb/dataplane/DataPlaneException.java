package io.dcnet.l4lb.dataplane;

/** A data plane could not install or read back its state. The control loop retries. */
public class DataPlaneException extends Exception {
  private static final long serialVersionUID = 1L;

  public DataPlaneException(String message) {
    super(message);
  }

  public DataPlaneException(String message, Throwable cause) {
    super(message, cause);
  }
}
