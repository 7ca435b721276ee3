package io.dcnet.mesosdns.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The task-id hash of Mesos-DNS canonical task names: the first 5 characters of the z-base-32
 * encoding of SHA-1(task id, UTF-8). z-base-32 alphabet {@code ybndrfg8ejkmcpqxot1uwisza345h769}, 5
 * bits per character, most significant bit first. {@code test} gives {@code iffe9}.
 *
 * <p>Thread-safe: stateless.
 */
public final class TaskIdHash {
  private static final String ZBASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769";
  private static final int LENGTH = 5;

  private TaskIdHash() {}

  /** The 5-character hash of {@code taskId}. */
  public static String of(String taskId) {
    byte[] digest = sha1(taskId.getBytes(StandardCharsets.UTF_8));
    return zbase32(digest).substring(0, LENGTH);
  }

  /** Full z-base-32 encoding (no padding) of {@code data}. */
  static String zbase32(byte[] data) {
    StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(ZBASE32.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(ZBASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  private static byte[] sha1(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
  }
}
