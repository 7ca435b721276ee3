package io.dcnet.l4lb.names;

import io.dcnet.l4lb.model.NamedVipAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The named-VIP map in ZooKeeper: a write commits only on a quorum of the ensemble (majority
 * agreement) and is kept in ZooKeeper's transaction log and snapshots (durable).
 *
 * <p>Layout under {@code base} (default {@code /dcnet/l4lb}):
 *
 * <ul>
 *   <li>{@code names/<name>} → JSON {@code {"ipv4":..,"ipv6":..,"createdMillis":..}}
 *   <li>{@code ipv4/<ip>} → the name (UTF-8), {@code ipv6/<ip>} → the name
 * </ul>
 *
 * The three nodes of a name are created and deleted in one ZooKeeper transaction (multi-op), so the
 * map and its reverse index never disagree and an address can only be created once: a concurrent
 * allocator that lost the race gets {@code NodeExists} and probes again. An IPv6 address added
 * later is created together with a version-checked update of {@code names/<name>}.
 *
 * <p>Thread-safe; calls block on ZooKeeper (bounded by the client's retry policy and connection
 * timeout). The caller owns, starts and closes the {@link CuratorFramework}.
 */
public final class ZkNamedVipStore implements NamedVipStore {
  /** Default base path. */
  public static final String DEFAULT_BASE = "/dcnet/l4lb";

  private static final int MAX_ATTEMPTS = 16;

  private final CuratorFramework zk;
  private final NamedVipRanges ranges;
  private final Clock clock;
  private final String names;
  private final String ipv4;
  private final String ipv6;
  private volatile boolean parentsReady;

  public ZkNamedVipStore(CuratorFramework zk, NamedVipRanges ranges) {
    this(zk, ranges, DEFAULT_BASE, Clock.systemUTC());
  }

  public ZkNamedVipStore(CuratorFramework zk, NamedVipRanges ranges, String base, Clock clock) {
    this.zk = Objects.requireNonNull(zk, "zk");
    this.ranges = Objects.requireNonNull(ranges, "ranges");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (base == null || !base.startsWith("/") || base.endsWith("/")) {
      throw new IllegalArgumentException(
          "base: " + base + " (expected: an absolute ZooKeeper path without trailing /)");
    }
    this.names = base + "/names";
    this.ipv4 = base + "/ipv4";
    this.ipv6 = base + "/ipv6";
  }

  /**
   * {@inheritDoc}
   *
   * <p>A new name's nodes are created in one transaction. Adding IPv6 to an existing name creates
   * {@code ipv6/<ip>} and rewrites {@code names/<name>} (IPv4 and {@code createdMillis} kept) in
   * one transaction that also checks the version of {@code names/<name>} read before probing. A
   * lost race (address or name taken, name changed or released meanwhile) re-reads and probes
   * again.
   */
  @Override
  public NamedVipAddress allocate(String name, boolean withIpv6) {
    NamedVipStore.checkName(name);
    try {
      ensureParents();
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        Stat stat = new Stat();
        NameNode node = readNode(name, stat);
        NamedVipAddress done;
        if (node == null) {
          done = tryCreate(name, withIpv6);
        } else if (!withIpv6 || node.ipv6() != null) {
          return new NamedVipAddress(name, node.ipv4(), node.ipv6());
        } else {
          done = tryAddIpv6(name, node, stat.getVersion());
        }
        if (done != null) {
          return done;
        }
      }
      throw new NamedVipStoreException(
          "allocate " + name + ": still conflicting after " + MAX_ATTEMPTS + " attempts");
    } catch (NamedVipStoreException e) {
      throw e;
    } catch (Exception e) {
      throw unavailable("allocate " + name, e);
    }
  }

  /** Creates a new name's nodes in one transaction; null when another allocator came first. */
  private NamedVipAddress tryCreate(String name, boolean withIpv6) throws Exception {
    String v4 = AddressProbe.firstFree(name, ranges.ipv4(), children(ipv4));
    String v6 = withIpv6 ? AddressProbe.firstFree(name, ranges.ipv6(), children(ipv6)) : null;
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    List<CuratorOp> ops = new ArrayList<>();
    ops.add(
        zk.transactionOp()
            .create()
            .forPath(path(names, name), new NameNode(v4, v6, clock.millis()).encode()));
    ops.add(zk.transactionOp().create().forPath(path(ipv4, v4), nameBytes));
    if (v6 != null) {
      ops.add(zk.transactionOp().create().forPath(path(ipv6, v6), nameBytes));
    }
    return commit(ops) ? new NamedVipAddress(name, v4, v6) : null;
  }

  /**
   * Adds an IPv6 address to {@code node} (read at {@code version}) in one transaction; null when
   * the address was taken or the name changed meanwhile.
   */
  private NamedVipAddress tryAddIpv6(String name, NameNode node, int version) throws Exception {
    String v6 = AddressProbe.firstFree(name, ranges.ipv6(), children(ipv6));
    NameNode updated = node.withIpv6(v6);
    List<CuratorOp> ops =
        List.of(
            zk.transactionOp()
                .create()
                .forPath(path(ipv6, v6), name.getBytes(StandardCharsets.UTF_8)),
            zk.transactionOp()
                .setData()
                .withVersion(version)
                .forPath(path(names, name), updated.encode()));
    return commit(ops) ? new NamedVipAddress(name, node.ipv4(), v6) : null;
  }

  /** Runs one transaction; false when it lost a race (a node exists, changed or is gone). */
  private boolean commit(List<CuratorOp> ops) throws Exception {
    try {
      zk.transaction().forOperations(ops);
      return true;
    } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException lostRace) {
      return false; // taken or changed meanwhile: read again and probe again
    } catch (KeeperException.NoNodeException gone) {
      parentsReady = false; // a parent, or the name being updated, was deleted meanwhile
      ensureParents();
      return false;
    }
  }

  @Override
  public Optional<NamedVipAddress> find(String name) {
    NamedVipStore.checkName(name);
    try {
      return read(name);
    } catch (Exception e) {
      throw unavailable("find " + name, e);
    }
  }

  @Override
  public boolean release(String name) {
    NamedVipStore.checkName(name);
    try {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        Stat stat = new Stat();
        byte[] data;
        try {
          data = zk.getData().storingStatIn(stat).forPath(path(names, name));
        } catch (KeeperException.NoNodeException e) {
          return false;
        }
        NameNode node = NameNode.decode(data);
        List<CuratorOp> ops = new ArrayList<>();
        addReverseDelete(ops, ipv4, node.ipv4(), name);
        addReverseDelete(ops, ipv6, node.ipv6(), name);
        ops.add(
            zk.transactionOp().delete().withVersion(stat.getVersion()).forPath(path(names, name)));
        try {
          zk.transaction().forOperations(ops);
          return true;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException changed) {
          // changed meanwhile: read again
        }
      }
      throw new NamedVipStoreException(
          "release " + name + ": still conflicting after " + MAX_ATTEMPTS + " attempts");
    } catch (NamedVipStoreException e) {
      throw e;
    } catch (Exception e) {
      throw unavailable("release " + name, e);
    }
  }

  @Override
  public Map<String, NamedVipAddress> all() {
    try {
      ensureParents();
      Map<String, NamedVipAddress> out = new TreeMap<>();
      for (String name : children(names)) {
        read(name).ifPresent(a -> out.put(name, a));
      }
      return java.util.Collections.unmodifiableMap(out);
    } catch (Exception e) {
      throw unavailable("list", e);
    }
  }

  @Override
  public NamedVipRanges ranges() {
    return ranges;
  }

  private void addReverseDelete(List<CuratorOp> ops, String dir, String ip, String name)
      throws Exception {
    if (ip == null) {
      return;
    }
    Stat stat = new Stat();
    byte[] owner;
    try {
      owner = zk.getData().storingStatIn(stat).forPath(path(dir, ip));
    } catch (KeeperException.NoNodeException e) {
      return;
    }
    if (name.equals(new String(owner, StandardCharsets.UTF_8))) {
      ops.add(zk.transactionOp().delete().withVersion(stat.getVersion()).forPath(path(dir, ip)));
    }
  }

  private Optional<NamedVipAddress> read(String name) throws Exception {
    NameNode n = readNode(name, new Stat());
    return n == null
        ? Optional.empty()
        : Optional.of(new NamedVipAddress(name, n.ipv4(), n.ipv6()));
  }

  /** The name's node (its version stored in {@code stat}), or null when it has none. */
  private NameNode readNode(String name, Stat stat) throws Exception {
    try {
      return NameNode.decode(zk.getData().storingStatIn(stat).forPath(path(names, name)));
    } catch (KeeperException.NoNodeException e) {
      return null;
    }
  }

  private Set<String> children(String dir) throws Exception {
    try {
      return new HashSet<>(zk.getChildren().forPath(dir));
    } catch (KeeperException.NoNodeException e) {
      return new HashSet<>();
    }
  }

  private void ensureParents() throws Exception {
    if (parentsReady) {
      return;
    }
    for (String dir : List.of(names, ipv4, ipv6)) {
      try {
        zk.create().creatingParentsIfNeeded().forPath(dir);
      } catch (KeeperException.NodeExistsException e) {
        // already there
      }
    }
    parentsReady = true;
  }

  private static String path(String dir, String child) {
    return dir + "/" + child;
  }

  private NamedVipStoreException unavailable(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new NamedVipStoreException(
        "named VIP store (ZooKeeper "
            + zk.getZookeeperClient().getCurrentConnectionString()
            + ") failed: "
            + what
            + ": "
            + e,
        e);
  }
}
