package io.dcnet.l4lb.names;

import java.io.IOException;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allocator role as a Curator {@link LeaderLatch} (default path {@code /dcnet/l4lb/allocator}).
 * Leadership is lost as soon as the ZooKeeper connection is suspended. Thread-safe; the caller owns
 * the {@link CuratorFramework}.
 */
public final class ZkAllocatorLeadership implements AllocatorLeadership {
  private static final Logger LOG = LoggerFactory.getLogger(ZkAllocatorLeadership.class);

  /** Default latch path. */
  public static final String DEFAULT_PATH = "/dcnet/l4lb/allocator";

  private final LeaderLatch latch;

  /**
   * @param participantId this master's id (shown in the latch participants)
   */
  public ZkAllocatorLeadership(CuratorFramework zk, String path, String participantId) {
    Objects.requireNonNull(zk, "zk");
    Objects.requireNonNull(participantId, "participantId");
    this.latch = new LeaderLatch(zk, path, participantId);
  }

  @Override
  public void start(Runnable onChange) {
    latch.addListener(
        new LeaderLatchListener() {
          @Override
          public void isLeader() {
            onChange.run();
          }

          @Override
          public void notLeader() {
            onChange.run();
          }
        });
    try {
      latch.start();
    } catch (Exception e) {
      throw new IllegalStateException("leader latch " + latch.getId() + " did not start", e);
    }
  }

  @Override
  public boolean isLeader() {
    return latch.hasLeadership();
  }

  @Override
  public void close() {
    try {
      latch.close();
    } catch (IOException | IllegalStateException e) {
      LOG.debug("leader latch close: {}", e.toString());
    }
  }
}
