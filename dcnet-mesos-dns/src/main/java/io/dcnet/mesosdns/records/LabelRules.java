package io.dcnet.mesosdns.records;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Mesos-DNS's DNS label sanitising (spec/mesos-dns.md section 3.1): the RFC952 and RFC1123 label
 * functions and DomainFrag.
 *
 * <p>A label function maps {@code A-Z} to lower case, keeps {@code a-z0-9}, turns {@code - . _}
 * into {@code -} and drops every other character; trims the left cut set ({@code -}, plus digits
 * under RFC952); cuts at the maximum length (24 or 63) and, if trailing dashes had to be removed at
 * the cut, refills from the text after the cut (the refill is not trimmed again, a faithful quirk).
 *
 * <p>Thread-safe: stateless.
 */
public enum LabelRules implements UnaryOperator<String> {
  /** RFC952: at most 24 characters, may not start with a digit or dash. */
  RFC952(24, true),
  /** RFC1123 (the default): at most 63 characters, may not start with a dash. */
  RFC1123(63, false);

  private final int maxLength;
  private final boolean trimLeadingDigits;

  LabelRules(int maxLength, boolean trimLeadingDigits) {
    this.maxLength = maxLength;
    this.trimLeadingDigits = trimLeadingDigits;
  }

  /** The rule for the config key enforceRFC952: true selects RFC952, false RFC1123. */
  public static LabelRules of(boolean enforceRfc952) {
    return enforceRfc952 ? RFC952 : RFC1123;
  }

  public int maxLength() {
    return maxLength;
  }

  /** Sanitises {@code name} into one DNS label (possibly empty). */
  public String label(String name) {
    String mapped = map(name == null ? "" : name);
    int start = 0;
    while (start < mapped.length() && isLeftCut(mapped.charAt(start))) {
      start++;
    }
    String trimmed = mapped.substring(start);
    int size = Math.min(trimmed.length(), maxLength);
    String head = trimTrailingDashes(trimmed.substring(0, size));
    if (head.length() == size) {
      return head;
    }
    String rest = trimmed.substring(size);
    int restStart = 0;
    while (restStart < rest.length() && rest.charAt(restStart) == '-') {
      restStart++;
    }
    String tail = rest.substring(restStart);
    int fill = Math.min(tail.length(), size - head.length());
    return head + tail.substring(0, fill);
  }

  @Override
  public String apply(String name) {
    return label(name);
  }

  /**
   * DomainFrag: splits on {@code .}, sanitises each piece with this rule, drops empty pieces and
   * joins with {@code .}. Used for framework names (dots stay label boundaries).
   */
  public String domainFrag(String name) {
    List<String> parts = new ArrayList<>();
    for (String piece : (name == null ? "" : name).split("\\.", -1)) {
      String label = label(piece);
      if (!label.isEmpty()) {
        parts.add(label);
      }
    }
    return String.join(".", parts);
  }

  private boolean isLeftCut(char c) {
    return c == '-' || (trimLeadingDigits && c >= '0' && c <= '9');
  }

  private static String map(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        sb.append((char) (c - 'A' + 'a'));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        sb.append(c);
      } else if (c == '-' || c == '.' || c == '_') {
        sb.append('-');
      }
    }
    return sb.toString();
  }

  private static String trimTrailingDashes(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '-') {
      end--;
    }
    return s.substring(0, end);
  }
}
