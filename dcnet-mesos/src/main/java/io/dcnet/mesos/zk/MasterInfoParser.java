package io.dcnet.mesos.zk;

import com.fasterxml.jackson.databind.JsonNode;
import io.dcnet.core.json.Json;
import io.dcnet.core.net.HostPort;
import io.dcnet.core.net.IpLiterals;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the address out of a Mesos master group member's {@code MasterInfo} JSON: {@code
 * address.ip}/{@code address.port}, else the packed {@code ip} (uint32 in host byte order, i.e. the
 * first octet in the low byte, as on x86) with the top-level {@code port}.
 *
 * <p>Thread-safe: stateless.
 */
final class MasterInfoParser {
  private MasterInfoParser() {}

  /** The member's {@code ip:port}, or empty when the data has neither form. */
  static Optional<HostPort> address(byte[] data) {
    if (data == null || data.length == 0) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(data);
    } catch (IOException e) {
      return Optional.empty();
    }
    JsonNode address = Json.field(root, "address");
    JsonNode ip = Json.field(address, "ip");
    JsonNode port = Json.field(address, "port");
    if (port == null) {
      port = Json.field(root, "port");
    }
    if (port == null || !port.canConvertToInt() || port.asInt() < 1 || port.asInt() > 65535) {
      return Optional.empty();
    }
    if (ip != null && ip.isTextual() && IpLiterals.isLiteral(ip.asText())) {
      return Optional.of(new HostPort(ip.asText(), port.asInt()));
    }
    JsonNode packed = Json.field(root, "ip");
    if (packed != null && packed.canConvertToLong()) {
      long v = packed.asLong();
      if (v > 0 && v <= 0xffffffffL) {
        String dotted =
            (v & 0xff)
                + "."
                + ((v >> 8) & 0xff)
                + "."
                + ((v >> 16) & 0xff)
                + "."
                + ((v >> 24) & 0xff);
        return Optional.of(new HostPort(dotted, port.asInt()));
      }
    }
    return Optional.empty();
  }
}
