package io.dcnet.mesos.recordio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental decoder of Mesos RecordIO: each record is {@code <decimal length>\n<length bytes>}.
 * Bytes may arrive split at any point; the decoder buffers across chunks. Empty lines before a
 * length are skipped. A non-digit in a length, a length line longer than 20 digits, or a length
 * above the cap fails with {@link RecordIoException}; after a failure the decoder stays failed.
 *
 * <p>Not thread-safe: owned by the one thread that reads the stream.
 */
public final class RecordIoDecoder {
  /** The default cap on one record: 64 MiB. */
  public static final long DEFAULT_MAX_RECORD_BYTES = 64L << 20;

  private static final int MAX_LENGTH_DIGITS = 20;

  private final long maxRecordBytes;
  private final StringBuilder lengthDigits = new StringBuilder();
  private byte[] record; // non-null while reading a record body
  private int filled;
  private String failure;

  public RecordIoDecoder() {
    this(DEFAULT_MAX_RECORD_BYTES);
  }

  public RecordIoDecoder(long maxRecordBytes) {
    if (maxRecordBytes < 1 || maxRecordBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(
          "maxRecordBytes: " + maxRecordBytes + " (expected: 1-" + (Integer.MAX_VALUE - 16) + ")");
    }
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Decodes all of {@code chunk}. */
  public List<byte[]> decode(byte[] chunk) throws RecordIoException {
    return decode(chunk, 0, chunk.length);
  }

  /** Feeds {@code length} bytes from {@code offset}; returns the records completed by them. */
  public List<byte[]> decode(byte[] chunk, int offset, int length) throws RecordIoException {
    if (failure != null) {
      throw new RecordIoException(failure);
    }
    List<byte[]> out = new ArrayList<>(2);
    int i = offset;
    int end = offset + length;
    while (i < end) {
      if (record != null) {
        int n = Math.min(end - i, record.length - filled);
        System.arraycopy(chunk, i, record, filled, n);
        filled += n;
        i += n;
        if (filled == record.length) {
          out.add(record);
          record = null;
        }
        continue;
      }
      byte b = chunk[i++];
      if (b == '\n') {
        if (lengthDigits.length() == 0) {
          continue; // a blank line before a length
        }
        startRecord(out);
      } else if (b >= '0' && b <= '9') {
        if (lengthDigits.length() >= MAX_LENGTH_DIGITS) {
          throw fail("record length: more than " + MAX_LENGTH_DIGITS + " digits");
        }
        lengthDigits.append((char) b);
      } else {
        throw fail(
            "record length: unexpected byte 0x"
                + Integer.toHexString(b & 0xff)
                + " after '"
                + lengthDigits
                + "' (expected: decimal digits then '\\n')");
      }
    }
    return out;
  }

  private void startRecord(List<byte[]> out) throws RecordIoException {
    String digits = lengthDigits.toString();
    lengthDigits.setLength(0);
    long size;
    try {
      size = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw fail("record length: " + digits + " (expected: at most " + maxRecordBytes + ")");
    }
    if (size > maxRecordBytes) {
      throw fail("record length: " + size + " (expected: at most " + maxRecordBytes + ")");
    }
    if (size == 0) {
      out.add(new byte[0]);
      return;
    }
    record = new byte[(int) size];
    filled = 0;
  }

  private RecordIoException fail(String message) {
    failure = message;
    return new RecordIoException(message);
  }

  /** True if no partial record or length is buffered (a clean place for the stream to end). */
  public boolean isIdle() {
    return record == null && lengthDigits.length() == 0;
  }

  /** Bytes of the record being read so far (for diagnostics). */
  public int bufferedBytes() {
    return record == null ? lengthDigits.length() : filled;
  }

  /** Encodes one record; for tests and emulators. */
  public static byte[] encode(byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 12);
    byte[] len = Integer.toString(payload.length).getBytes(StandardCharsets.US_ASCII);
    out.write(len, 0, len.length);
    out.write('\n');
    out.write(payload, 0, payload.length);
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "RecordIoDecoder[buffered=" + bufferedBytes() + ", failed=" + (failure != null) + "]";
  }
}
