package io.dcnet.daemon.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Typed reads of one JSON object's fields for the node config parsers, with errors in the form
 * {@code <section>.<key>: <value> (expected: <form>)} ({@code <key>: ...} at the top level).
 *
 * <p>Immutable; thread-safe.
 */
final class ConfigFields {
  private final String section;

  /** Fields of the object {@code section} ("" = the top level). */
  ConfigFields(String section) {
    this.section = section;
  }

  /** The name errors use for {@code key} ("" = the section itself). */
  String name(String key) {
    if (section.isEmpty()) {
      return key;
    }
    return key.isEmpty() ? section : section + "." + key;
  }

  NodeConfigException bad(String key, JsonNode v, String form) {
    return new NodeConfigException(name(key) + ": " + v + " (expected: " + form + ")");
  }

  String text(String key, JsonNode v, String form) throws NodeConfigException {
    if (!v.isTextual()) {
      throw bad(key, v, "a string: " + form);
    }
    return v.asText();
  }

  long integer(String key, JsonNode v, long min, long max, String form) throws NodeConfigException {
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      throw bad(key, v, form);
    }
    return v.asLong();
  }

  boolean bool(String key, JsonNode v) throws NodeConfigException {
    if (!v.isBoolean()) {
      throw bad(key, v, "true or false");
    }
    return v.asBoolean();
  }

  /** An {@code http://} URL with a host; null for "" when {@code emptyAllowed}. */
  URI httpUrl(String key, JsonNode v, String form, boolean emptyAllowed)
      throws NodeConfigException {
    String t = text(key, v, form);
    if (t.isEmpty() && emptyAllowed) {
      return null;
    }
    try {
      URI u = new URI(t);
      if (!"http".equals(u.getScheme()) || u.getHost() == null) {
        throw bad(key, v, form);
      }
      return u;
    } catch (URISyntaxException ex) {
      throw bad(key, v, form);
    }
  }
}
