package io.dcnet.mesos.zk;

import org.apache.zookeeper.client.ZKClientConfig;

/**
 * ZooKeeper client settings shared by dcnet's Curator clients. SASL is turned off unless the
 * operator configured it ({@code -Dzookeeper.sasl.client=true} or a JAAS file through {@code
 * -Djava.security.auth.login.config}): with SASL on by default, the client first does a reverse DNS
 * lookup of the server address, which stalls the first connection for about 20 s on a node whose
 * resolver does not answer (found by the network-namespace L4LB test).
 *
 * <p>Stateless; thread-safe.
 */
public final class ZkClientSettings {
  private ZkClientSettings() {}

  /** A client config with SASL off unless configured through system properties. */
  public static ZKClientConfig clientConfig() {
    ZKClientConfig c = new ZKClientConfig();
    boolean saslAsked =
        System.getProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY) != null
            || System.getProperty("java.security.auth.login.config") != null;
    if (!saslAsked) {
      c.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
    }
    return c;
  }
}
