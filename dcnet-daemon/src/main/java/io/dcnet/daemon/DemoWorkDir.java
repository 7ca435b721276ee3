package io.dcnet.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo nodes' directory (configs, state, logs): created fresh for each run and removed after a
 * clean stop, unless asked to keep it. A failed run keeps it, since its logs say what went wrong.
 *
 * <p>Owned by the demo command's thread.
 */
final class DemoWorkDir {
  private final Path path;

  private DemoWorkDir(Path path) {
    this.path = path;
  }

  /** A new, empty directory {@code /tmp/dcnet-demo-*} (under {@code java.io.tmpdir}). */
  static DemoWorkDir create() throws IOException {
    return new DemoWorkDir(Files.createTempDirectory("dcnet-demo-"));
  }

  Path path() {
    return path;
  }

  /**
   * After everything has stopped: removes the directory when the demo ended cleanly ({@code
   * exitCode} 0) and {@code keep} is false. Returns a line for the user saying what happened.
   */
  String finish(int exitCode, boolean keep) {
    if (keep || exitCode != 0) {
      return "configs and logs kept in " + path;
    }
    try {
      removeTree(path);
      return "removed " + path + " (--keep-logs keeps it)";
    } catch (IOException | UncheckedIOException e) {
      return "could not remove " + path + ": " + e.getMessage();
    }
  }

  private static void removeTree(Path root) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }
}
