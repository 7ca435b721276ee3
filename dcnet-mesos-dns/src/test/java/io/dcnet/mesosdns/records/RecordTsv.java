package io.dcnet.mesosdns.records;

import io.dcnet.dns.records.RecordSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Renders record sets as sorted {@code name TAB type TAB value} lines, and reads golden files. */
final class RecordTsv {
  private RecordTsv() {}

  static List<String> lines(RecordSet set) {
    TreeSet<String> out = new TreeSet<>();
    add(out, set.a(), "A");
    add(out, set.aaaa(), "AAAA");
    add(out, set.srv(), "SRV");
    return new ArrayList<>(out);
  }

  private static void add(TreeSet<String> out, Map<String, List<String>> map, String type) {
    map.forEach((name, values) -> values.forEach(v -> out.add(name + "\t" + type + "\t" + v)));
  }

  /** Reads a golden resource: blank lines and lines starting with # are skipped; sorted. */
  static List<String> golden(String resource) throws IOException {
    try (InputStream in = RecordTsv.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing golden resource " + resource);
      }
      TreeSet<String> out = new TreeSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line);
        }
      }
      return new ArrayList<>(out);
    }
  }
}
