package io.dcnet.l4lb.agent;

import java.util.Locale;
import java.util.Objects;

/**
 * Names of named VIPs (spec dcos-net.md 3.2): {@code <label>.<framework>} where each dot-separated
 * part of the VIP label and of the framework name is passed through the dcos-net label sanitizer,
 * with {@code /} dropped rather than hyphenated, and empty parts left out. Examples: {@code
 * /mygroup/myapp} + {@code marathon} → {@code mygroupmyapp.marathon}; {@code /foo} + {@code bar} →
 * {@code foo.bar}; {@code /api.hello-world} + {@code marathon} → {@code api.hello-world.marathon}.
 *
 * <p>The part sanitizer: lower-case; keep {@code [a-z0-9]}; {@code -} and {@code _} become {@code
 * -} except at the start, where they are dropped like every other character outside {@code
 * [a-z0-9]}; cut to 63 characters; trailing {@code -} stripped.
 *
 * <p>Thread-safe: stateless.
 */
public final class VipNames {
  /** The longest DNS label. */
  public static final int MAX_LABEL = 63;

  /** The DNS suffix of named VIPs. */
  public static final String DOMAIN = "l4lb.thisdcos.directory";

  private VipNames() {}

  /**
   * The named-VIP name for a VIP label (the host part of a {@code VIP_n} value, e.g. {@code
   * /myapp}) of a task of framework {@code framework}. Empty when nothing is left of the label.
   */
  public static String sanitize(String label, String framework) {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(framework, "framework");
    String name = fragments(label);
    if (name.isEmpty()) {
      return "";
    }
    String fw = fragments(framework);
    return fw.isEmpty() ? name : name + "." + fw;
  }

  /** Sanitizes each dot-separated part and joins the non-empty ones with dots. */
  static String fragments(String text) {
    StringBuilder out = new StringBuilder();
    for (String part : text.split("\\.", -1)) {
      String p = part(part);
      if (!p.isEmpty()) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(p);
      }
    }
    return out.toString();
  }

  /** One DNS label from one part (no dots in the input). */
  static String part(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(Math.min(lower.length(), MAX_LABEL + 1));
    for (int i = 0; i < lower.length() && out.length() < MAX_LABEL; i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
      } else if ((c == '-' || c == '_') && out.length() > 0) {
        out.append('-');
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '-') {
      end--;
    }
    return out.substring(0, end);
  }
}
