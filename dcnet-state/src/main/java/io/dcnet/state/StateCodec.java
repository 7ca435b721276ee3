package io.dcnet.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.dcnet.core.json.Json;
import java.io.UncheckedIOException;

/**
 * Text codec for the values of a {@link StateKey}. Implementations must be thread-safe and
 * deterministic; the JSON codecs here use the shared {@link Json#mapper()}.
 */
public interface StateCodec<V> {
  String encode(V value);

  V decode(String text);

  /** JSON via Jackson for a plain class (records work). */
  static <V> StateCodec<V> json(Class<V> type) {
    return jsonOf(Json.mapper().constructType(type));
  }

  /** JSON via Jackson for a generic type, e.g. {@code new TypeReference<List<Backend>>() {}}. */
  static <V> StateCodec<V> json(TypeReference<V> type) {
    return jsonOf(Json.mapper().constructType(type));
  }

  private static <V> StateCodec<V> jsonOf(JavaType type) {
    return new StateCodec<>() {
      @Override
      public String encode(V value) {
        try {
          return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public V decode(String text) {
        try {
          return Json.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
