package io.dcnet.mesos.v1;

import java.nio.charset.StandardCharsets;

/**
 * RecordIO encoding as used by the Mesos streaming APIs: each record is its decimal byte length, a
 * {@code \n}, then exactly that many bytes, with no trailing newline.
 *
 * <p>Thread-safe: stateless.
 */
public final class RecordIo {
  private RecordIo() {}

  /** Frames one record as {@code <len>\n<bytes>}. */
  public static byte[] frame(byte[] record) {
    byte[] header = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[header.length + record.length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(record, 0, out, header.length, record.length);
    return out;
  }
}
