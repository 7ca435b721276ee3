package io.dcnet.nodedns.resolv;

import java.util.List;

/** The text of a resolv.conf. Pure. */
public final class ResolvConfRenderer {
  private ResolvConfRenderer() {}

  /**
   * @param nameservers the {@code nameserver} lines, in order
   * @param search the {@code search} domains (no line when empty)
   * @param options the {@code options} (no line when empty), e.g. {@code timeout:1}
   * @param source who wrote the file and why, for the comment at the top
   */
  public static String render(
      List<String> nameservers, List<String> search, List<String> options, String source) {
    StringBuilder out = new StringBuilder();
    out.append("# Written by ").append(source).append("; changes here are overwritten.\n");
    for (String ns : nameservers) {
      out.append("nameserver ").append(ns).append('\n');
    }
    if (!search.isEmpty()) {
      out.append("search ").append(String.join(" ", search)).append('\n');
    }
    if (!options.isEmpty()) {
      out.append("options ").append(String.join(" ", options)).append('\n');
    }
    return out.toString();
  }
}
