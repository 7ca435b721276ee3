package io.dcnet.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed list: the static list from the config, or the lines of a seed file ({@code host:port}
 * per line, {@code #} comments) re-read when it changes. Owned by the ClusterState control thread;
 * {@link #current()} may be read from any thread.
 */
final class SeedSource {
  private static final Logger LOG = LoggerFactory.getLogger(SeedSource.class);

  private final Path file;
  private volatile List<String> current;
  private String lastContent;

  SeedSource(ClusterStateConfig cfg) {
    this.file = cfg.seedFile();
    this.current = cfg.seeds();
    if (file != null) {
      List<String> read = read();
      if (read == null) {
        throw new IllegalArgumentException(
            "seedFile: " + file + " (expected: a readable file of host:port lines)");
      }
      current = read;
    }
  }

  List<String> current() {
    return current;
  }

  /** Re-reads the file; returns true when the seed list changed. */
  boolean refresh() {
    if (file == null) {
      return false;
    }
    List<String> before = current;
    List<String> read = read();
    if (read != null && !read.equals(before)) {
      current = read;
      LOG.info("seed nodes changed: {}", read);
      return true;
    }
    return false;
  }

  private List<String> read() {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      if (lastContent == null) {
        return null;
      }
      LOG.warn("seed file {} unreadable, keeping {}: {}", file, current, e.toString());
      return current;
    }
    if (content.equals(lastContent)) {
      return current;
    }
    List<String> out = new ArrayList<>();
    for (String line : content.split("\n", -1)) {
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      try {
        ClusterStateConfig.parseSeed(s);
        out.add(s);
      } catch (IllegalArgumentException e) {
        LOG.warn("seed file {}: ignoring line: {}", file, e.getMessage());
      }
    }
    lastContent = content;
    return List.copyOf(out);
  }
}
