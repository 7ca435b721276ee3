package io.dcnet.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dcnet.core.json.Json;
import io.dcnet.rest.node.NodeApiClient;
import io.dcnet.rest.node.NodeApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Output helpers of the commands that read the node REST API. Stateless; thread-safe. */
final class ApiCommandSupport {
  private ApiCommandSupport() {}

  /** One call of the node REST API client. */
  @FunctionalInterface
  interface ApiCall<T> {
    List<T> fetch(NodeApiClient client) throws NodeApiException;
  }

  /**
   * Fetches a list from the API and prints it as JSON ({@code --json}) or as a table. Returns the
   * exit code: 0, or 1 (with the client's message on stderr) when the API does not answer.
   */
  static <T> int print(
      String verb,
      ApiOptions options,
      ApiCall<T> call,
      Function<List<T>, Object> jsonView,
      List<String> header,
      Function<T, List<String>> row)
      throws JsonProcessingException {
    List<T> items;
    try (NodeApiClient client = new NodeApiClient(options.api, NodeApiClient.DEFAULT_TIMEOUT)) {
      items = call.fetch(client);
    } catch (NodeApiException e) {
      System.err.println("dcnet " + verb + ": " + e.getMessage());
      return 1;
    }
    if (options.json) {
      System.out.println(json(jsonView.apply(items)));
    } else {
      System.out.print(table(header, items.stream().map(row).toList()));
    }
    return 0;
  }

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
