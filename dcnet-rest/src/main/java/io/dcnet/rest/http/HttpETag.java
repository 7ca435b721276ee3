package io.dcnet.rest.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Strong entity tags for conditional GETs ({@code ETag} / {@code If-None-Match}, RFC 9110 section
 * 8.8.3 and 13.1.2).
 *
 * <p>Stateless; thread-safe.
 */
public final class HttpETag {
  private HttpETag() {}

  /** A strong ETag for {@code body}: the first 128 bits of its SHA-256, quoted. */
  public static String of(byte[] body) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /**
   * True if an {@code If-None-Match} header value matches {@code etag}: {@code *}, or a
   * comma-separated list containing it (weak comparison, so {@code W/"x"} matches {@code "x"}).
   */
  public static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    String want = stripWeak(etag.trim());
    for (String candidate : ifNoneMatch.split(",", -1)) {
      String c = candidate.trim();
      if (c.equals("*") || stripWeak(c).equals(want)) {
        return true;
      }
    }
    return false;
  }

  private static String stripWeak(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
