package io.dcnet.daemon.node;

import io.dcnet.rest.node.NodeRecord;
import io.dcnet.state.ClusterState;
import io.dcnet.state.MemberInfo;
import io.dcnet.state.StateKey;
import io.dcnet.state.StateKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes of the cluster for {@code GET /v1/nodes}: every {@code nodes} entry of the replicated
 * state, joined with the live membership ({@code reachable} = a reachable member with that node
 * id); members without an entry yet are listed with their transport host.
 *
 * <p>Thread-safe. During an internal rejoin of the cluster state (reads throw) the last list is
 * returned.
 */
final class NodeDirectory implements Supplier<List<NodeRecord>> {
  private static final Logger LOG = LoggerFactory.getLogger(NodeDirectory.class);
  static final StateKey<NodeInfo> NODES = StateKey.of(StateKeys.NODES, NodeInfo.class);

  private final ClusterState state;
  private final AtomicReference<List<NodeRecord>> last = new AtomicReference<>(List.of());

  NodeDirectory(ClusterState state) {
    this.state = state;
  }

  @Override
  public List<NodeRecord> get() {
    try {
      List<NodeRecord> now = read();
      last.set(now);
      return now;
    } catch (IllegalStateException e) {
      LOG.debug("nodes: cluster state not readable now ({}), serving the last list", e.toString());
      return last.get();
    }
  }

  private List<NodeRecord> read() {
    Map<String, MemberInfo> members = new HashMap<>();
    for (MemberInfo m : state.members()) {
      members.put(m.nodeId(), m);
    }
    Map<String, NodeInfo> infos = state.get(NODES);
    List<NodeRecord> out = new ArrayList<>();
    infos.forEach(
        (id, info) -> {
          MemberInfo m = members.remove(id);
          out.add(
              new NodeRecord(
                  info.privateIp(),
                  info.publicIps(),
                  info.hostname(),
                  Instant.ofEpochMilli(info.updatedMillis()),
                  info.role(),
                  m != null && m.reachable()));
        });
    for (MemberInfo m : members.values()) {
      String host = m.address().substring(0, Math.max(0, m.address().lastIndexOf(':')));
      out.add(
          new NodeRecord(
              host.replace("[", "").replace("]", ""),
              List.of(),
              "",
              Instant.EPOCH,
              m.role().roleName(),
              m.reachable()));
    }
    return List.copyOf(out);
  }
}
