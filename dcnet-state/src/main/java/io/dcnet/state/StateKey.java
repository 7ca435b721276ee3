package io.dcnet.state;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A typed top-level key of the replicated state: a name from the layout in {@link StateKeys} and
 * the codec of its field values. Immutable and thread-safe. Two keys with the same name must use
 * the same value type on every node.
 *
 * @param name slash-separated segments of {@code [A-Za-z0-9._:=-]}, e.g. {@code dns/zones/mesos}
 * @param codec encodes the values stored under each field
 */
public record StateKey<V>(String name, StateCodec<V> codec) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:=-]+(/[A-Za-z0-9._:=-]+)*");

  /** Reserved for the module's own bookkeeping (the key index). */
  static final String RESERVED_PREFIX = "dcnet/";

  public StateKey {
    Objects.requireNonNull(codec, "codec");
    validateName(name);
  }

  /** A key with JSON values of {@code type}. */
  public static <V> StateKey<V> of(String name, Class<V> type) {
    return new StateKey<>(name, StateCodec.json(type));
  }

  /** A key with JSON values of a generic type. */
  public static <V> StateKey<V> of(String name, TypeReference<V> type) {
    return new StateKey<>(name, StateCodec.json(type));
  }

  static void validateName(String name) {
    if (name == null
        || name.length() > 150
        || !NAME.matcher(name).matches()
        || name.startsWith(RESERVED_PREFIX)) {
      throw new IllegalArgumentException(
          "key: "
              + name
              + " (expected: 1-150 chars, '/'-separated segments of letters, digits and ._:=-,"
              + " not starting with dcnet/)");
    }
  }

  @Override
  public String toString() {
    return "StateKey[" + name + "]";
  }
}
