package io.dcnet.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dcnet.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Output helpers of the commands that read the node REST API. Stateless; thread-safe. */
final class ApiCommandSupport {
  private ApiCommandSupport() {}

  static String json(Object value) throws JsonProcessingException {
    return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
  }

  /** A plain-text table: a header row, then the rows, columns padded to the widest cell. */
  static String table(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> r : all) {
      for (int i = 0; i < r.size(); i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        line.append(
            i + 1 < r.size() ? String.format("%-" + widths[i] + "s  ", r.get(i)) : r.get(i));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
