package io.dcnet.mesos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.json.Json;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.Pid;
import io.dcnet.mesos.model.PortMapping;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed field access on a Mesos JSON tree (v0 or v1) with errors that name the path. Keys match
 * like {@link Json#field} (exact first, then case-insensitive); absent fields read as
 * empty/zero/default.
 *
 * <p>Thread-safe: stateless.
 */
public final class MesosJsonReader {
  private MesosJsonReader() {}

  public static JsonNode readRoot(byte[] json, String what) throws MesosStateException {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new MesosStateException(what + ": malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MesosStateException(what + ": unreadable: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MesosStateException(what + ": expected a JSON object at the top level");
    }
    return root;
  }

  public static void object(JsonNode n, String path) throws MesosStateException {
    if (n == null || !n.isObject()) {
      throw new MesosStateException(
          path + ": expected an object" + (n == null ? " (missing)" : ", got " + n.getNodeType()));
    }
  }

  /** Field {@code key} as an object, or null when absent. */
  public static JsonNode optObject(JsonNode n, String key, String path) throws MesosStateException {
    JsonNode v = Json.field(n, key);
    if (v != null) {
      object(v, path);
    }
    return v;
  }

  /** Field {@code key}, which must be present and an object. */
  public static JsonNode reqObject(JsonNode n, String key, String path) throws MesosStateException {
    JsonNode v = Json.field(n, key);
    object(v, path);
    return v;
  }

  public static String string(JsonNode n, String key, String path) throws MesosStateException {
    JsonNode v = Json.field(n, key);
    if (v == null) {
      return "";
    }
    if (!v.isTextual()) {
      throw new MesosStateException(path + ": expected a string, got " + v.getNodeType());
    }
    return v.textValue();
  }

  public static double number(JsonNode n, String key, String path) throws MesosStateException {
    JsonNode v = Json.field(n, key);
    if (v == null) {
      return 0;
    }
    if (!v.isNumber()) {
      throw new MesosStateException(path + ": expected a number, got " + v.getNodeType());
    }
    return v.doubleValue();
  }

  public static long integer(JsonNode n, String key, String path, long min, long max)
      throws MesosStateException {
    JsonNode v = Json.field(n, key);
    if (v == null) {
      return min;
    }
    if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
      throw new MesosStateException(
          path + ": " + v + " (expected: an integer " + min + "-" + max + ")");
    }
    return v.longValue();
  }

  public static boolean bool(JsonNode n, String key, String path, boolean dflt)
      throws MesosStateException {
    JsonNode v = Json.field(n, key);
    if (v == null) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new MesosStateException(path + ": expected a boolean, got " + v.getNodeType());
    }
    return v.booleanValue();
  }

  public static Iterable<JsonNode> array(JsonNode n, String key, String path)
      throws MesosStateException {
    JsonNode v = Json.field(n, key);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new MesosStateException(path + ": expected an array, got " + v.getNodeType());
    }
    return v;
  }

  /** A wrapped id {@code {"value":"..."}}; empty when absent. A bare string is tolerated. */
  public static String id(JsonNode n, String key, String path) throws MesosStateException {
    JsonNode v = Json.field(n, key);
    if (v == null) {
      return "";
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (!v.isObject()) {
      throw new MesosStateException(
          path + ": expected an object {\"value\": string}, got " + v.getNodeType());
    }
    return string(v, "value", path + ".value");
  }

  /** Labels, wrapped {@code {"labels":[...]}} as in v1; a bare array is tolerated. */
  public static List<Label> labels(JsonNode n, String key, String path) throws MesosStateException {
    JsonNode v = Json.field(n, key);
    if (v == null) {
      return List.of();
    }
    JsonNode arr = v;
    String arrPath = path;
    if (v.isObject()) {
      arr = Json.field(v, "labels");
      arrPath = path + ".labels";
      if (arr == null) {
        return List.of();
      }
    }
    if (!arr.isArray()) {
      throw new MesosStateException(arrPath + ": expected an array of {key, value}");
    }
    List<Label> out = new ArrayList<>();
    int i = 0;
    for (JsonNode l : arr) {
      String p = arrPath + "[" + i++ + "]";
      object(l, p);
      out.add(new Label(string(l, "key", p + ".key"), string(l, "value", p + ".value")));
    }
    return out;
  }

  /**
   * {@code port_mappings[]} of a network info ({@code {host_port, container_port, protocol?}}, the
   * same in v0 and v1); empty when absent.
   */
  public static List<PortMapping> portMappings(JsonNode networkInfo, String path)
      throws MesosStateException {
    List<PortMapping> out = new ArrayList<>();
    int i = 0;
    for (JsonNode pm : array(networkInfo, "port_mappings", path + ".port_mappings")) {
      String p = path + ".port_mappings[" + i++ + "]";
      object(pm, p);
      out.add(
          new PortMapping(
              (int) integer(pm, "host_port", p + ".host_port", 1, 65535),
              (int) integer(pm, "container_port", p + ".container_port", 1, 65535),
              string(pm, "protocol", p + ".protocol")));
    }
    return out;
  }

  /** Fails when {@code owner} has a {@code pid} field that is not {@code id@host:port}. */
  public static String pid(JsonNode owner, String path) throws MesosStateException {
    String pid = string(owner, "pid", path);
    if (Json.field(owner, "pid") != null && Pid.parse(pid).isEmpty()) {
      throw new MesosStateException(path + ": '" + pid + "' (expected: id@host:port)");
    }
    return pid;
  }
}
