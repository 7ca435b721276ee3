package io.dcnet.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** Log excerpts for failure reports of the multi-process tests. Stateless: thread-safe. */
public final class LogTails {
  private LogTails() {}

  /**
   * Appends the last {@code lines} lines of {@code log} that {@code keep} accepts, each indented
   * with {@code " | "}, or a note when the file cannot be read.
   */
  public static void append(StringBuilder sb, Path log, int lines, Predicate<String> keep) {
    try {
      List<String> all =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(keep).toList();
      all.subList(Math.max(0, all.size() - lines), all.size())
          .forEach(l -> sb.append("  | ").append(l).append('\n'));
    } catch (IOException e) {
      sb.append("  (unreadable: ").append(e.getMessage()).append(")\n");
    }
  }
}
