package io.dcnet.mesos.v0;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands a v0 range resource string such as {@code "[31000-31000, 31005-31010]"} into the ports it
 * holds, in order. {@code ""} and {@code "[]"} hold none; malformed pieces are skipped, as
 * Mesos-DNS does.
 */
public final class PortRanges {
  private PortRanges() {}

  public static List<Integer> expand(String text) {
    List<Integer> ports = new ArrayList<>();
    if (text == null) {
      return ports;
    }
    String body = text.trim();
    if (body.startsWith("[")) {
      body = body.substring(1);
    }
    if (body.endsWith("]")) {
      body = body.substring(0, body.length() - 1);
    }
    for (String piece : body.split(",", -1)) {
      String p = piece.trim();
      int dash = p.indexOf('-');
      if (dash <= 0) {
        continue;
      }
      int begin = parsePort(p.substring(0, dash).trim());
      int end = parsePort(p.substring(dash + 1).trim());
      if (begin < 0 || end < 0 || end < begin) {
        continue;
      }
      for (int port = begin; port <= end; port++) {
        ports.add(port);
      }
    }
    return ports;
  }

  /** An inclusive port range. */
  public record Range(int begin, int end) {}

  /**
   * Compresses ports into ranges of consecutive ascending runs, keeping order, so that expanding
   * the result gives back exactly {@code ports}.
   */
  public static List<Range> compress(List<Integer> ports) {
    List<Range> out = new ArrayList<>();
    int i = 0;
    while (i < ports.size()) {
      int begin = ports.get(i);
      int end = begin;
      while (i + 1 < ports.size() && ports.get(i + 1) == end + 1) {
        end++;
        i++;
      }
      out.add(new Range(begin, end));
      i++;
    }
    return out;
  }

  /** Formats ports as the v0 range string, e.g. {@code "[31000-31001, 31005-31005]"}. */
  public static String format(List<Integer> ports) {
    StringBuilder sb = new StringBuilder("[");
    for (Range r : compress(ports)) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(r.begin()).append('-').append(r.end());
    }
    return sb.append(']').toString();
  }

  private static int parsePort(String s) {
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int v = Integer.parseInt(s);
    return v <= 65535 ? v : -1;
  }
}
