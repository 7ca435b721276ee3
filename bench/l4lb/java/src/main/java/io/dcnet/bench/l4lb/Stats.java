package io.dcnet.bench.l4lb;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Nearest-rank percentiles over milliseconds. Stateless. */
final class Stats {
  private Stats() {}

  static double percentile(List<Double> samples, double p) {
    double[] s = samples.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    int rank = (int) Math.ceil(p / 100.0 * s.length);
    return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
  }

  static double max(List<Double> samples) {
    return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static String ms(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** "p50 X ms, p99 Y ms, max Z ms (n=N)". */
  static String summary(List<Double> samples) {
    return "p50 "
        + ms(percentile(samples, 50))
        + " ms, p99 "
        + ms(percentile(samples, 99))
        + " ms, max "
        + ms(max(samples))
        + " ms (n="
        + samples.size()
        + ")";
  }
}
