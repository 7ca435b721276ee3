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

  private static int parsePort(String s) {
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int v = Integer.parseInt(s);
    return v <= 65535 ? v : -1;
  }
}
