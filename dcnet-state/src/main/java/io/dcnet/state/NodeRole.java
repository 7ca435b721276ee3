package io.dcnet.state;

import java.util.Locale;

/** The role of a dcnet node in the cluster. Masters are the seed nodes and decide on removals. */
public enum NodeRole {
  MASTER,
  AGENT;

  /** The Pekko cluster role name: {@code master} or {@code agent}. */
  public String roleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code master} or {@code agent} (any case). */
  public static NodeRole parse(String text) {
    for (NodeRole r : values()) {
      if (r.roleName().equalsIgnoreCase(text)) {
        return r;
      }
    }
    throw new IllegalArgumentException("role: " + text + " (expected: master or agent)");
  }
}
