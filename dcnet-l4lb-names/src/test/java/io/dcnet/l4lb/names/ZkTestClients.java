package io.dcnet.l4lb.names;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;

/** Curator clients with short timeouts, so failures show within seconds (test helper). */
final class ZkTestClients {
  private ZkTestClients() {}

  static CuratorFramework start(String connect) throws InterruptedException {
    CuratorFramework c =
        CuratorFrameworkFactory.builder()
            .connectString(connect)
            .retryPolicy(new RetryNTimes(3, 200))
            .sessionTimeoutMs(6_000)
            .connectionTimeoutMs(1_500)
            .build();
    c.start();
    if (!c.blockUntilConnected(15, java.util.concurrent.TimeUnit.SECONDS)) {
      c.close();
      throw new IllegalStateException("ZooKeeper " + connect + " not reachable");
    }
    return c;
  }
}
