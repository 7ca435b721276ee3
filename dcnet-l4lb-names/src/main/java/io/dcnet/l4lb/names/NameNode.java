package io.dcnet.l4lb.names;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The JSON of a {@code names/<name>} node in ZooKeeper: the name's addresses ({@code ipv6} null
 * when it has none) and when it was first allocated. Immutable.
 */
record NameNode(String ipv4, String ipv6, long createdMillis) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The same name with {@code v6} added; IPv4 and the creation time kept. */
  NameNode withIpv6(String v6) {
    return new NameNode(ipv4, v6, createdMillis);
  }

  byte[] encode() throws IOException {
    return JSON.writeValueAsBytes(this);
  }

  static NameNode decode(byte[] data) throws IOException {
    return JSON.readValue(data, NameNode.class);
  }
}
