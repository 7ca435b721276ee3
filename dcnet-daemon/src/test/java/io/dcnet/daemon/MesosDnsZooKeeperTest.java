package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.daemon.mesosdns.MesosDnsDaemon;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.config.MesosDnsConfigLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;

/**
 * Leader detection through a real ZooKeeper server: Mesos masters register {@code json.info_*}
 * znodes, {@code dcnet mesos-dns} (configured with {@code zk} and no static masters) follows the
 * group, and reports the detection timeout when the group empties.
 */
class MesosDnsZooKeeperTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void followsTheMesosGroupInZooKeeper() throws Exception {
    try (TestingServer zk = new TestingServer(true);
        MesosEmulator emu =
            MesosEmulator.builder().masterAddresses(List.of("127.0.0.11", "127.0.0.12")).start();
        CuratorFramework client =
            CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
      client.start();
      int mp = emu.masterPort();
      String m1 = register(client, "127.0.0.11", mp);
      register(client, "127.0.0.12", mp);

      String json =
          """
          {"zk": "zk://%s/mesos", "zkDetectionTimeout": 3, "refreshSeconds": 1,
           "listener": "127.0.0.1", "port": 0, "httpListener": "127.0.0.1", "httpport": 0,
           "externalon": false}
          """
              .formatted(zk.getConnectString());
      MesosDnsConfig cfg = MesosDnsConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8));
      AtomicBoolean timedOut = new AtomicBoolean();
      try (MesosDnsDaemon d =
          new MesosDnsDaemon(cfg, MesosAuth.none(), "test", () -> timedOut.set(true))) {
        d.start();
        assertThat(d.awaitReadyAndListen(WAIT)).isTrue();
        int port = d.dnsPort();
        MesosDnsFollowsClusterTest.awaitA(port, "leader.mesos.", Set.of("127.0.0.11"));
        MesosDnsFollowsClusterTest.awaitA(port, "master0.mesos.", Set.of("127.0.0.11"));
        MesosDnsFollowsClusterTest.awaitA(port, "master1.mesos.", Set.of("127.0.0.12"));

        // The leading master dies: its znode goes, the emulator elects the other one.
        client.delete().forPath(m1);
        emu.moveLeader(1);
        MesosDnsFollowsClusterTest.awaitA(port, "leader.mesos.", Set.of("127.0.0.12"));
        assertThat(timedOut).isFalse();

        // No master left in ZooKeeper: the detection timeout fires (the command then exits 1).
        for (String child : client.getChildren().forPath("/mesos")) {
          client.delete().forPath("/mesos/" + child);
        }
        await().atMost(WAIT).untilTrue(timedOut);
      }
    }
  }

  static String register(CuratorFramework client, String ip, int port) throws Exception {
    String info =
        """
        {"address":{"ip":"%s","port":%d,"hostname":"%s"},"hostname":"%s","id":"%s",
         "port":%d,"pid":"master@%s:%d"}
        """
            .formatted(ip, port, ip, ip, ip, port, ip, port);
    return client
        .create()
        .creatingParentsIfNeeded()
        .withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
        .forPath("/mesos/json.info_", info.getBytes(StandardCharsets.UTF_8));
  }
}
