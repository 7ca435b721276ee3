package io.dcnet.daemon.node;

import io.dcnet.l4lb.names.NamedVipController;
import io.dcnet.l4lb.names.NamedVipRanges;
import io.dcnet.l4lb.names.NamedVipSettings;
import io.dcnet.l4lb.names.ZkAllocatorLeadership;
import io.dcnet.l4lb.names.ZkNamedVipStore;
import io.dcnet.mesos.zk.ZkClientSettings;
import io.dcnet.state.ClusterState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The masters' named-VIP allocator (decision 007), wired: a Curator client on {@code
 * l4lb.zookeeper}, the ZooKeeper store with the configured ranges, the allocator latch and the
 * {@link NamedVipController} that publishes {@code l4lb/names}; its {@code names_*} meters go to
 * the node's {@code l4lb} registry.
 *
 * <p>Start and close from one thread; the parts run on their own threads.
 */
final class L4lbAllocator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(L4lbAllocator.class);

  private final CuratorFramework zk;
  private final ZkAllocatorLeadership leadership;
  private final NamedVipController controller;

  L4lbAllocator(NodeConfig cfg, ClusterState state, MeterRegistry registry) {
    L4lbConfig l = cfg.l4lb();
    NamedVipRanges ranges =
        NamedVipRanges.of(l.minNamedIp(), l.maxNamedIp(), l.minNamedIp6(), l.maxNamedIp6());
    zk =
        CuratorFrameworkFactory.builder()
            .connectString(cfg.zookeeperOrDefault())
            .sessionTimeoutMs(15_000)
            .connectionTimeoutMs(5_000)
            .retryPolicy(new ExponentialBackoffRetry(500, 5, 10_000))
            .zkClientConfig(ZkClientSettings.clientConfig())
            .build();
    leadership = new ZkAllocatorLeadership(zk, ZkAllocatorLeadership.DEFAULT_PATH, cfg.nodeId());
    controller =
        new NamedVipController(
            state,
            new ZkNamedVipStore(zk, ranges),
            leadership,
            NamedVipSettings.defaults().withIpv6(l.enableIpv6()).withGrace(l.nameGrace()),
            Clock.systemUTC(),
            registry);
  }

  void start() {
    zk.start();
    controller.start();
    LOG.info(
        "named-VIP allocator joined the election on ZooKeeper {}",
        zk.getZookeeperClient().getCurrentConnectionString());
  }

  /** True while this master holds the allocator role. */
  boolean leading() {
    return leadership.isLeader();
  }

  @Override
  public void close() {
    controller.close();
    leadership.close();
    zk.close();
  }
}
