package io.dcnet.rest.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route path such as {@code /v1/hosts/{host}/ports}: literal segments and {@code {name}}
 * parameters, each matching exactly one non-empty path segment.
 *
 * <p>Immutable; thread-safe.
 */
public final class PathPattern {
  private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String text;
  private final List<String> literals; // null entry = parameter
  private final List<String> params; // parameter name per segment, null for literals
  private final int literalCount;

  private PathPattern(String text, List<String> literals, List<String> params) {
    this.text = text;
    this.literals = literals;
    this.params = params;
    this.literalCount = (int) literals.stream().filter(s -> s != null).count();
  }

  /** Parses {@code pattern}; throws IllegalArgumentException naming the problem. */
  public static PathPattern parse(String pattern) {
    if (pattern == null || !pattern.startsWith("/")) {
      throw new IllegalArgumentException("path pattern: " + pattern + " (expected: /a/{b}/c)");
    }
    List<String> literals = new ArrayList<>();
    List<String> params = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String seg : segments(pattern)) {
      if (seg.startsWith("{") && seg.endsWith("}")) {
        String name = seg.substring(1, seg.length() - 1);
        if (!PARAM_NAME.matcher(name).matches() || !seen.add(name)) {
          throw new IllegalArgumentException(
              "path pattern: " + pattern + " (expected unique parameter names like {host})");
        }
        literals.add(null);
        params.add(name);
      } else if (seg.isEmpty() || seg.contains("{") || seg.contains("}")) {
        throw new IllegalArgumentException(
            "path pattern: " + pattern + " (expected non-empty segments, parameters as {name})");
      } else {
        literals.add(seg);
        params.add(null);
      }
    }
    return new PathPattern(pattern, literals, params);
  }

  /** Splits a path on {@code /} after the leading slash; {@code /} gives no segments. */
  static List<String> segments(String path) {
    String p = path.substring(1);
    if (p.isEmpty()) {
      return List.of();
    }
    return List.of(p.split("/", -1));
  }

  /** Parameter values if {@code pathSegments} (decoded) match, otherwise null. */
  public Map<String, String> match(List<String> pathSegments) {
    if (pathSegments.size() != literals.size()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < literals.size(); i++) {
      String seg = pathSegments.get(i);
      String lit = literals.get(i);
      if (lit == null) {
        if (seg.isEmpty()) {
          return null;
        }
        out.put(params.get(i), seg);
      } else if (!lit.equals(seg)) {
        return null;
      }
    }
    return out;
  }

  /** Number of literal segments; a route with more literals wins over a more generic one. */
  int literalCount() {
    return literalCount;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathPattern p && literals.equals(p.literals);
  }

  @Override
  public int hashCode() {
    return literals.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
