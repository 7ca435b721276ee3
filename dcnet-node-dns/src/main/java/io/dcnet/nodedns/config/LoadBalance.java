package io.dcnet.nodedns.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Order policy for internal answers ({@code loadbalance}): CNAMEs always stay first in chain order;
 * the other answers are rotated, shuffled or left alone.
 *
 * <p>Immutable.
 */
public enum LoadBalance {
  /** Rotate left by message id mod n (the default). */
  ROUND_ROBIN,
  /** Shuffle per query. */
  RANDOM,
  /** Keep the zone's order. */
  NONE;

  /** {@code round_robin}, {@code random} or {@code none} (case-insensitive). */
  public static Optional<LoadBalance> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "round_robin" -> Optional.of(ROUND_ROBIN);
      case "random" -> Optional.of(RANDOM);
      case "none" -> Optional.of(NONE);
      default -> Optional.empty();
    };
  }

  /** The config spelling. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
