package io.dcnet.nodedns.resolv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file atomically (a temporary file in the same directory, then a rename), so that a
 * reader never sees half a resolv.conf, and only when the content changes. A symbolic link at the
 * path is replaced by the file.
 *
 * <p>Stateless and thread-safe; two writers of one path race like any two renames.
 */
public final class ResolvConfWriter {
  private ResolvConfWriter() {}

  /**
   * Writes {@code content} to {@code file} unless it already holds exactly that.
   *
   * @return true when the file was (re)written
   * @throws IOException when the directory is not writable or the rename fails
   */
  public static boolean write(Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try {
      if (!Files.isSymbolicLink(file) && content.equals(Files.readString(file))) {
        return false;
      }
    } catch (NoSuchFileException e) {
      // first write
    } catch (IOException e) {
      // unreadable or not UTF-8: replace it
    }
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return true;
  }
}
