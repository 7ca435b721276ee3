package io.dcnet.mesos;

/** A master or agent state document that cannot be used: malformed JSON, wrong types, bad PIDs. */
public class MesosStateException extends Exception {
  private static final long serialVersionUID = 1L;

  public MesosStateException(String message) {
    super(message);
  }

  public MesosStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
