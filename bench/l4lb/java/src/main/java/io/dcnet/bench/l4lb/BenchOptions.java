package io.dcnet.bench.l4lb;

import java.util.HashMap;
import java.util.Map;

/** {@code --key value} command-line options. Immutable after {@link #parse}. */
final class BenchOptions {
  private final Map<String, String> values;

  private BenchOptions(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  static BenchOptions parse(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("option: " + args[i] + " (expected: --key value)");
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return new BenchOptions(out);
  }

  String get(String key, String dflt) {
    return values.getOrDefault(key, dflt);
  }

  String require(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("--" + key + ": missing");
    }
    return v;
  }

  int getInt(String key, int dflt, int min, int max) {
    String v = values.get(key);
    if (v == null) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + ": " + v + " (expected: an integer)");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          "--" + key + ": " + n + " (expected: " + min + "-" + max + ")");
    }
    return n;
  }
}
