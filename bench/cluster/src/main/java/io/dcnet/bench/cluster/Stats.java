package io.dcnet.bench.cluster;

import java.util.Arrays;
import java.util.Locale;

/**
 * Nearest-rank percentiles of a sample of durations in milliseconds. Immutable; thread-safe.
 *
 * @param sorted the samples, ascending
 */
record Stats(double[] sorted) {
  static Stats of(double[] samples) {
    double[] s = samples.clone();
    Arrays.sort(s);
    return new Stats(s);
  }

  /** The nearest-rank percentile {@code p} (0-100]: the smallest value with p % at or below it. */
  double percentile(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  double mean() {
    return Arrays.stream(sorted).average().orElse(Double.NaN);
  }

  int count() {
    return sorted.length;
  }

  static String ms(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }
}
