package io.dcnet.mesos.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZkMasterDetectorTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private TestingServer zk;
  private CuratorFramework mesos; // plays the Mesos masters
  private ZkMasterDetector detector;
  private final List<MasterList> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger timeouts = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    zk = new TestingServer(true);
    mesos = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
    mesos.start();
    mesos.blockUntilConnected();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (detector != null) {
      detector.close();
    }
    mesos.close();
    zk.close();
  }

  private void startDetector(String connect, Duration timeout) {
    detector =
        new ZkMasterDetector(
            ZkUrl.parse("zk://" + connect + "/mesos"),
            timeout,
            seen::add,
            timeouts::incrementAndGet);
    detector.start();
  }

  private String member(String ip) throws Exception {
    String json =
        "{\"address\":{\"ip\":\""
            + ip
            + "\",\"port\":5050,\"hostname\":\"h\"},\"hostname\":\"h\",\"id\":\"id\",\"port\":5050,"
            + "\"pid\":\"master@"
            + ip
            + ":5050\"}";
    return mesos
        .create()
        .creatingParentsIfNeeded()
        .withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
        .forPath("/mesos/json.info_", json.getBytes(StandardCharsets.UTF_8));
  }

  private MasterList latest() {
    return seen.isEmpty() ? MasterList.EMPTY : seen.get(seen.size() - 1);
  }

  @Test
  void reportsLeaderAndOthersAndIgnoresProtobufNodes() throws Exception {
    startDetector(zk.getConnectString(), Duration.ZERO); // path does not exist yet
    mesos
        .create()
        .creatingParentsIfNeeded()
        .withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
        .forPath("/mesos/info_", new byte[] {8, 1, 2});
    member("10.0.0.1");
    member("10.0.0.2");
    member("10.0.0.3");
    await().atMost(WAIT).until(() -> latest().others().size() == 2);
    assertThat(latest())
        .isEqualTo(new MasterList("10.0.0.1:5050", List.of("10.0.0.2:5050", "10.0.0.3:5050")));
    assertThat(detector.current()).isEqualTo(latest());
    assertThat(seen).allSatisfy(l -> assertThat(l.others()).doesNotContain(l.leader()));
  }

  @Test
  void leaderChangeAndLossTriggerTimeout() throws Exception {
    String first = member("10.0.0.1");
    String second = member("10.0.0.2");
    startDetector(zk.getConnectString(), Duration.ofMillis(700));
    await().atMost(WAIT).until(() -> latest().leader().equals("10.0.0.1:5050"));
    mesos.delete().forPath(first);
    await().atMost(WAIT).until(() -> latest().equals(new MasterList("10.0.0.2:5050", List.of())));
    assertThat(timeouts).hasValue(0);
    mesos.delete().forPath(second);
    await().atMost(WAIT).until(() -> timeouts.get() == 1);
    assertThat(latest()).isEqualTo(MasterList.EMPTY);
    member("10.0.0.3");
    await().atMost(WAIT).until(() -> latest().leader().equals("10.0.0.3:5050"));
    assertThat(timeouts).hasValue(1);
  }

  @Test
  void noLeaderAtStartTimesOut() {
    startDetector(zk.getConnectString(), Duration.ofMillis(300));
    await().atMost(WAIT).until(() -> timeouts.get() == 1);
    assertThat(detector.current().hasLeader()).isFalse();
  }

  @Test
  void survivesZooKeeperRestart() throws Exception {
    member("10.0.0.1");
    startDetector(zk.getConnectString(), Duration.ZERO);
    await().atMost(WAIT).until(() -> latest().hasLeader());
    zk.restart();
    mesos.blockUntilConnected();
    member("10.0.0.9");
    await().atMost(WAIT).until(() -> latest().others().contains("10.0.0.9:5050"));
    assertThat(latest().leader()).isEqualTo("10.0.0.1:5050");
  }

  @Test
  void startsWhenOneEnsembleServerIsDown() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    member("10.0.0.1");
    startDetector("127.0.0.1:" + deadPort + "," + zk.getConnectString(), Duration.ofSeconds(20));
    await().atMost(WAIT).until(() -> latest().leader().equals("10.0.0.1:5050"));
    assertThat(timeouts).hasValue(0);
  }
}
