package io.dcnet.l4lb.model;

import java.util.Locale;

/** Transport protocol of a VIP. JSON and text forms are lower case ({@code tcp}, {@code udp}). */
public enum Protocol {
  TCP,
  UDP;

  /** {@code tcp} or {@code udp}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wireName();
  }

  /**
   * Parses {@code tcp} or {@code udp}, any case.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static Protocol parse(String text) {
    if (text != null) {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "tcp":
          return TCP;
        case "udp":
          return UDP;
        default:
          break;
      }
    }
    throw new IllegalArgumentException("protocol: " + text + " (expected: tcp or udp)");
  }
}
