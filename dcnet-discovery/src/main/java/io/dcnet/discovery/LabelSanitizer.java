package io.dcnet.discovery;

/**
 * dcos-net's DNS label sanitizer for task and framework names (spec dcos-net.md 2.4; not
 * Mesos-DNS's rules): lower-case; keep {@code [a-z0-9]}; {@code -}, {@code _} and {@code .} become
 * {@code -} except at the start, where they are dropped like every other character outside {@code
 * [a-z0-9]}; cut to 63 characters; trailing {@code -} stripped. Example: {@code myapp.mygroup} →
 * {@code myapp-mygroup}. The result may be empty.
 *
 * <p>Thread-safe: stateless.
 */
public final class LabelSanitizer {
  /** The longest DNS label. */
  public static final int MAX_LENGTH = 63;

  private LabelSanitizer() {}

  /** Sanitizes one name into one DNS label (possibly empty). */
  public static String label(String name) {
    StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_LENGTH + 1));
    for (int i = 0; i < name.length() && out.length() < MAX_LENGTH; i++) {
      char c = Character.toLowerCase(name.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
      } else if ((c == '-' || c == '_' || c == '.') && out.length() > 0) {
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
