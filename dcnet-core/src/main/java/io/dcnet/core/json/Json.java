package io.dcnet.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Iterator;
import java.util.Map;

/**
 * The one shared Jackson configuration, plus tree helpers that follow Go's JSON key rule (exact
 * match first, then case-insensitive), which Mesos-DNS inherits and users rely on.
 *
 * <p>Thread-safe: the mapper is configured once and only read afterwards.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

  private Json() {}

  /** The shared mapper. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Field {@code name} of an object node: exact key first, then the first key equal ignoring case.
   * Returns null when absent, when the value is JSON null, or when {@code node} is not an object.
   */
  public static JsonNode field(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact.isNull() ? null : exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue().isNull() ? null : e.getValue();
      }
    }
    return null;
  }
}
