package io.dcnet.mesos.zk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The masters ZooKeeper knows: the leader and the other members, each {@code ip:port} ({@code
 * [v6]:port}).
 *
 * <p>Thread-safe: immutable.
 *
 * @param leader the leader, or {@code ""} when there is none
 * @param others the other members in sequence order, never containing the leader
 */
public record MasterList(String leader, List<String> others) {
  /** No leader, no members. */
  public static final MasterList EMPTY = new MasterList("", List.of());

  public MasterList {
    Objects.requireNonNull(leader, "leader");
    others = List.copyOf(others);
  }

  /** True if a leader is known. */
  public boolean hasLeader() {
    return !leader.isEmpty();
  }

  /** The Mesos-DNS list form {@code [leader, others...]} (the leader slot may be empty). */
  public List<String> asList() {
    List<String> all = new ArrayList<>(others.size() + 1);
    all.add(leader);
    all.addAll(others);
    return List.copyOf(all);
  }
}
