package io.dcnet.rest.mesosdns;

import java.util.Locale;

/**
 * Name rules of the Mesos-DNS HTTP API (spec/mesos-dns.md sections 5 and 6).
 *
 * <p>Stateless; thread-safe.
 */
final class MesosDnsNames {
  private MesosDnsNames() {}

  /**
   * A path parameter as a record key: every {@code .*} removed, lower-cased, trailing dot added.
   * {@code Web.*.Marathon.Mesos} → {@code web.marathon.mesos.}
   */
  static String lookupKey(String param) {
    String n = param.replace(".*", "").toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  /** SOA mname as Mesos-DNS stores it: trailing dots trimmed, then one added. */
  static String mname(String soaMname) {
    return trimTrailingDots(nz(soaMname)) + ".";
  }

  /** SOA rname as Mesos-DNS stores it: {@code @} becomes {@code .}, one trailing dot. */
  static String rname(String soaRname) {
    return trimTrailingDots(nz(soaRname).replace('@', '.')) + ".";
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String trimTrailingDots(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }
}
