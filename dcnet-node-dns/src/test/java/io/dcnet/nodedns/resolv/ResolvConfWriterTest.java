package io.dcnet.nodedns.resolv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvConfWriterTest {
  @TempDir Path dir;

  @Test
  void rendersTheLinesInOrder() {
    assertThat(
            ResolvConfRenderer.render(
                List.of("198.51.100.1", "198.51.100.2"),
                List.of("marathon.mesos", "mesos"),
                List.of("timeout:1", "attempts:3"),
                "test"))
        .isEqualTo(
            "# Written by test; changes here are overwritten.\n"
                + "nameserver 198.51.100.1\n"
                + "nameserver 198.51.100.2\n"
                + "search marathon.mesos mesos\n"
                + "options timeout:1 attempts:3\n");
    assertThat(ResolvConfRenderer.render(List.of("10.0.0.1"), List.of(), List.of(), "t"))
        .endsWith("nameserver 10.0.0.1\n")
        .doesNotContain("search", "options");
  }

  @Test
  void writesOnlyWhenTheTextChanges() throws IOException {
    Path file = dir.resolve("resolv.conf");
    assertThat(ResolvConfWriter.write(file, "nameserver 10.0.0.1\n")).isTrue();
    Object inode = Files.getAttribute(file, "unix:ino");
    assertThat(ResolvConfWriter.write(file, "nameserver 10.0.0.1\n")).isFalse();
    assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);
    assertThat(ResolvConfWriter.write(file, "nameserver 10.0.0.2\n")).isTrue();
    assertThat(Files.readString(file)).isEqualTo("nameserver 10.0.0.2\n");
    assertThat(Files.getAttribute(file, "unix:ino")).isNotEqualTo(inode); // renamed into place
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
    try (var left = Files.list(dir)) {
      assertThat(left.toList()).containsExactly(file); // no temporary file left
    }
  }

  @Test
  void aSymbolicLinkIsReplacedByTheFile() throws IOException {
    Path target = Files.writeString(dir.resolve("stub.conf"), "nameserver 127.0.0.53\n");
    Path link = Files.createSymbolicLink(dir.resolve("resolv.conf"), target);
    assertThat(ResolvConfWriter.write(link, "nameserver 127.0.0.53\n")).isTrue();
    assertThat(Files.isSymbolicLink(link)).isFalse();
    assertThat(Files.readString(target)).isEqualTo("nameserver 127.0.0.53\n");
  }

  @Test
  void aMissingDirectoryFails() {
    assertThatThrownBy(() -> ResolvConfWriter.write(dir.resolve("no/such/resolv.conf"), "x"))
        .isInstanceOf(IOException.class);
  }
}
