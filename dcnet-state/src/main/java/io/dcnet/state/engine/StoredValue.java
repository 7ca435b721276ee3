package io.dcnet.state.engine;

/**
 * The text stored in a replicated field: {@code <owner>\n<encoded value>}. Node ids never contain a
 * newline, so the first newline separates them. Immutable.
 *
 * @param owner node id of the writer
 * @param payload the codec's text
 */
public record StoredValue(String owner, String payload) {
  public String encode() {
    return owner + "\n" + payload;
  }

  /** Decodes; text without a newline is read as owner-less ({@code ""}). */
  public static StoredValue decode(String text) {
    int nl = text.indexOf('\n');
    return nl < 0
        ? new StoredValue("", text)
        : new StoredValue(text.substring(0, nl), text.substring(nl + 1));
  }
}
