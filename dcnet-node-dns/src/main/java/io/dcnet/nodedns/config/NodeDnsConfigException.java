package io.dcnet.nodedns.config;

/**
 * A {@code dcos-dns.json} that cannot be used. The message names the key and the expected form,
 * e.g. {@code udp_port: 70000 (expected: 1-65535)}.
 */
public class NodeDnsConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public NodeDnsConfigException(String message) {
    super(message);
  }

  public NodeDnsConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
