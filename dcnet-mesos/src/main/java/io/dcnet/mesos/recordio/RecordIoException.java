package io.dcnet.mesos.recordio;

import java.io.IOException;

/** A RecordIO stream that cannot be decoded (bad length line or an oversized record). */
public class RecordIoException extends IOException {
  private static final long serialVersionUID = 1L;

  public RecordIoException(String message) {
    super(message);
  }
}
