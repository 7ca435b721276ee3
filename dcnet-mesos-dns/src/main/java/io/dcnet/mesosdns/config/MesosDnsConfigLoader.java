package io.dcnet.mesosdns.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Mesos-DNS {@code config.json} into a validated {@link MesosDnsConfig}: keys match
 * case-insensitively, unknown keys are ignored (logged at WARN), defaults are applied, wrong JSON
 * types and every rule of spec/mesos-dns.md section 6 fail with a {@link ConfigException} naming
 * the key and the expected form.
 *
 * <p>Thread-safe: stateless.
 */
public final class MesosDnsConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(MesosDnsConfigLoader.class);

  private MesosDnsConfigLoader() {}

  /** Loads the file at {@code path}; a leading {@code ~/} is expanded to the user's home. */
  public static MesosDnsConfig load(Path path) throws ConfigException {
    Path file = expandHome(path).toAbsolutePath().normalize();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(
          "config file: " + file + " (expected a readable file: " + e + ")", e);
    }
    return parse(bytes, file.toString());
  }

  /** Parses config JSON that did not come from a file ({@code File} stays empty). */
  public static MesosDnsConfig parse(byte[] json) throws ConfigException {
    return parse(json, "");
  }

  /** Expands a leading {@code ~/} of {@code path} to {@code user.home}. */
  public static Path expandHome(Path path) {
    String text = path.toString();
    if (text.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), text.substring(2));
    }
    return path;
  }

  static MesosDnsConfig parse(byte[] json, String file) throws ConfigException {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "config: malformed JSON: " + e.getOriginalMessage() + " (expected a JSON object)", e);
    } catch (IOException e) {
      throw new ConfigException("config: unreadable (" + e.getMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("config: not an object (expected a JSON object of settings)");
    }
    Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
    for (ConfigKey k : ConfigKey.values()) {
      values.put(k, k.defaultValue());
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      var key = ConfigKey.lookup(e.getKey());
      if (key.isEmpty()) {
        LOG.warn("config: ignoring unknown key {}", e.getKey());
        continue;
      }
      if (e.getValue().isNull()) {
        continue; // Go leaves the field at its default for JSON null
      }
      values.put(key.get(), read(key.get(), e.getValue()));
    }
    values.put(ConfigKey.FILE, file);
    return ConfigValidator.validate(values);
  }

  private static Object read(ConfigKey key, JsonNode v) throws ConfigException {
    String name = key.jsonName();
    switch (key.kind()) {
      case STRING, IGNORED_STRING -> {
        if (!v.isTextual()) {
          throw new ConfigException(name + ": " + v + " (expected a string)");
        }
        return v.textValue();
      }
      case INT -> {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
          throw new ConfigException(name + ": " + v + " (expected an integer)");
        }
        return v.intValue();
      }
      case IGNORED_NUMBER -> {
        if (!v.isNumber()) {
          throw new ConfigException(name + ": " + v + " (expected a number)");
        }
        return 0;
      }
      case BOOL -> {
        if (!v.isBoolean()) {
          throw new ConfigException(name + ": " + v + " (expected true or false)");
        }
        return v.booleanValue();
      }
      case STRING_LIST -> {
        return stringList(name, v);
      }
      case ZONE_MAP -> {
        if (!v.isObject()) {
          throw new ConfigException(
              name + ": " + v + " (expected an object of zone: [resolver, ...])");
        }
        Map<String, List<String>> zones = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> z : v.properties()) {
          zones.put(z.getKey(), stringList(name + "." + z.getKey(), z.getValue()));
        }
        return zones;
      }
      case CREDENTIALS -> {
        if (!v.isObject()) {
          throw new ConfigException(name + ": (expected an object {principal, secret})");
        }
        Map<String, String> creds = new LinkedHashMap<>();
        for (String field : List.of("principal", "secret")) {
          JsonNode f = Json.field(v, field);
          if (f != null && !f.isTextual()) {
            throw new ConfigException(name + "." + field + ": (expected a string)");
          }
          creds.put(field, f == null ? "" : f.textValue());
        }
        return creds;
      }
    }
    throw new AssertionError(key);
  }

  private static List<String> stringList(String name, JsonNode v) throws ConfigException {
    if (!v.isArray()) {
      throw new ConfigException(name + ": " + v + " (expected an array of strings)");
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw new ConfigException(name + "[" + i + "]: " + item + " (expected a string)");
      }
      out.add(item.textValue());
      i++;
    }
    return out;
  }
}
