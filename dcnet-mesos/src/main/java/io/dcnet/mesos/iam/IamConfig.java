package io.dcnet.mesos.iam;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.util.Locale;
import java.util.Objects;

/**
 * A DC/OS service account, as read from Mesos-DNS's {@code IAMConfigFile}: {@code {"uid": ...,
 * "private_key": "<PEM>", "login_endpoint": "https://.../acs/api/v1/auth/login"}}. Other keys (such
 * as {@code scheme}) are ignored.
 *
 * <p>Thread-safe: immutable. {@code toString} does not print the key.
 *
 * @param uid the service account id
 * @param privateKey the account's RSA key, used to sign the RS256 login JWT
 * @param loginEndpoint the http(s) URL the JWT is POSTed to
 */
public record IamConfig(String uid, RSAPrivateKey privateKey, URI loginEndpoint) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIELD = "IAMConfigFile";

  public IamConfig {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(loginEndpoint, "loginEndpoint");
  }

  /**
   * Reads and validates the file.
   *
   * @throws IOException unreadable file, bad JSON or a bad field; the message starts with {@code
   *     IAMConfigFile: <field>:} and says what was expected
   */
  public static IamConfig load(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException(FIELD + ": " + file + ": cannot read (" + e + ")", e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage() + " in " + file, e);
    }
  }

  /**
   * Parses the JSON text of an {@code IAMConfigFile}.
   *
   * @throws IllegalArgumentException bad JSON or a bad field (message as for {@link #load})
   */
  public static IamConfig parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          FIELD + ": not valid JSON (expected: an object with uid, private_key, login_endpoint)",
          e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          FIELD
              + ": not a JSON object (expected: an object with uid, private_key, login_endpoint)");
    }
    String uid = requireText(root, "uid", "a service account id");
    String pem = requireText(root, "private_key", "a PEM RSA private key");
    String endpoint = requireText(root, "login_endpoint", "an http(s) URL");
    RSAPrivateKey key;
    try {
      key = RsaPemKeys.parse(pem);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(FIELD + ": private_key: " + e.getMessage(), e);
    }
    return new IamConfig(uid, key, parseEndpoint(endpoint));
  }

  private static String requireText(JsonNode root, String name, String expected) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException(
          FIELD + ": " + name + ": missing (expected: " + expected + ")");
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new IllegalArgumentException(
          FIELD + ": " + name + ": " + shown(name, node) + " (expected: " + expected + ")");
    }
    return node.asText().strip();
  }

  private static String shown(String name, JsonNode node) {
    if (name.equals("private_key")) {
      return node.isTextual()
          ? "blank"
          : "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
    return node.toString();
  }

  private static URI parseEndpoint(String text) {
    String expected =
        " (expected: an http(s) URL such as https://leader.mesos/acs/api/v1/auth/login)";
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(FIELD + ": login_endpoint: '" + text + "'" + expected, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(FIELD + ": login_endpoint: '" + text + "'" + expected);
    }
    return uri;
  }

  @Override
  public String toString() {
    return "IamConfig[uid=" + uid + ", loginEndpoint=" + loginEndpoint + ", privateKey=****]";
  }
}
