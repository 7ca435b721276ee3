package io.dcnet.mesos.zk;

import io.dcnet.core.lifecycle.DaemonThreads;
import io.dcnet.core.net.HostPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects the Mesos masters from their ZooKeeper group: children of the URL's path named {@code
 * json.info_<seq>} hold MasterInfo JSON; the lowest sequence is the leader. Older protobuf {@code
 * info_} nodes and members whose data has no usable address are ignored.
 *
 * <p>Every change of the {@link MasterList} goes to the listener. If no leader is known {@code
 * detectionTimeout} after {@link #start()}, or after the leader disappears, {@code onTimeout} runs
 * (once per leaderless period; Mesos-DNS exits there). A zero timeout disables this.
 *
 * <p>Startup never blocks or fails on ZooKeeper: Curator connects in the background and tries each
 * server of the ensemble.
 *
 * <p>Threading: Curator's threads only schedule work; the listener and {@code onTimeout} run on
 * this detector's own single thread ({@code zk-master-detector}), in order. Public methods are
 * thread-safe.
 */
public final class ZkMasterDetector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ZkMasterDetector.class);

  /** Name prefix of the JSON MasterInfo members (Mesos >= 0.24). */
  public static final String MEMBER_PREFIX = "json.info_";

  private final ZkUrl url;
  private final Duration detectionTimeout;
  private final Consumer<MasterList> listener;
  private final Runnable onTimeout;
  private final ScheduledExecutorService executor;
  private final CuratorFramework curator;
  private final CuratorCache cache;
  // owned by the executor thread
  private MasterList last = MasterList.EMPTY;
  private ScheduledFuture<?> timeout;
  private final Set<String> warnedBadMembers = new LinkedHashSet<>();
  private volatile MasterList current = MasterList.EMPTY;

  /**
   * @param detectionTimeout the Mesos-DNS zkDetectionTimeout setting; zero disables the timeout
   * @param listener receives every new master list, on the detector thread
   * @param onTimeout runs on the detector thread when no leader is known for the timeout
   */
  public ZkMasterDetector(
      ZkUrl url, Duration detectionTimeout, Consumer<MasterList> listener, Runnable onTimeout) {
    this.url = Objects.requireNonNull(url, "url");
    if (detectionTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "zkDetectionTimeout: " + detectionTimeout + " (expected: >= 0, 0 disables)");
    }
    this.detectionTimeout = detectionTimeout;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.onTimeout = Objects.requireNonNull(onTimeout, "onTimeout");
    this.executor =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("zk-master-detector"));
    this.curator =
        CuratorFrameworkFactory.builder()
            .connectString(url.connectString())
            .retryPolicy(new ExponentialBackoffRetry(200, 29, 5_000))
            .sessionTimeoutMs(10_000)
            .connectionTimeoutMs(5_000)
            .zkClientConfig(ZkClientSettings.clientConfig())
            .build();
    this.cache = CuratorCache.build(curator, url.path());
  }

  /** Connects in the background and starts watching. Never blocks on ZooKeeper. */
  public void start() {
    LOG.info("watching Mesos masters at zk://{}{}", url.connectString(), url.path());
    executor.execute(this::armTimeoutIfLeaderless);
    cache
        .listenable()
        .addListener(
            CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> schedule())
                .forInitialized(this::schedule)
                .build());
    curator.start();
    cache.start();
  }

  /** The latest master list (thread-safe). */
  public MasterList current() {
    return current;
  }

  private void schedule() {
    try {
      executor.execute(this::recompute);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed
    }
  }

  private void recompute() {
    try {
      MasterList next = compute();
      if (next.equals(last)) {
        return;
      }
      if (!next.leader().equals(last.leader())) {
        LOG.info(
            "Mesos leader: {}",
            next.hasLeader() ? next.leader() : "none (was " + last.leader() + ")");
      }
      last = next;
      current = next;
      if (next.hasLeader()) {
        cancelTimeout();
      } else {
        armTimeoutIfLeaderless();
      }
      listener.accept(next);
    } catch (RuntimeException e) {
      LOG.warn("master list update failed: {}", e.toString(), e);
    }
  }

  private MasterList compute() {
    String prefix = url.path() + "/" + MEMBER_PREFIX;
    List<ChildData> members = new ArrayList<>();
    cache.stream()
        .filter(d -> d.getPath().startsWith(prefix))
        .filter(d -> d.getPath().indexOf('/', prefix.length()) < 0)
        .filter(d -> sequence(d.getPath(), prefix) >= 0)
        .forEach(members::add);
    members.sort(Comparator.comparingLong(d -> sequence(d.getPath(), prefix)));
    List<String> addresses = new ArrayList<>();
    for (ChildData d : members) {
      Optional<HostPort> hp = MasterInfoParser.address(d.getData());
      if (hp.isPresent()) {
        addresses.add(hp.get().toString());
      } else if (warnedBadMembers.add(d.getPath())) {
        LOG.warn(
            "ignoring Mesos master group member {}: no address in its MasterInfo JSON",
            d.getPath());
      }
    }
    if (addresses.isEmpty()) {
      return MasterList.EMPTY;
    }
    String leader = addresses.get(0);
    List<String> others =
        new ArrayList<>(new LinkedHashSet<>(addresses.subList(1, addresses.size())));
    others.remove(leader);
    return new MasterList(leader, others);
  }

  private static long sequence(String path, String prefix) {
    String seq = path.substring(prefix.length());
    if (seq.isEmpty() || seq.length() > 18 || !seq.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(seq);
  }

  private void armTimeoutIfLeaderless() {
    if (detectionTimeout.isZero() || last.hasLeader() || timeout != null) {
      return;
    }
    timeout = executor.schedule(this::timedOut, detectionTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }

  private void timedOut() {
    timeout = null;
    if (last.hasLeader()) {
      return;
    }
    LOG.error("no Mesos leader detected in ZooKeeper within {}", detectionTimeout);
    try {
      onTimeout.run();
    } catch (RuntimeException e) {
      LOG.warn("onTimeout callback failed: {}", e.toString(), e);
    }
  }

  /** Stops watching and closes the ZooKeeper session. */
  @Override
  public void close() {
    executor.shutdownNow();
    cache.close();
    curator.close();
  }
}
