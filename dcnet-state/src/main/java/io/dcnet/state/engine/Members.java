package io.dcnet.state.engine;

import io.dcnet.state.MemberInfo;
import io.dcnet.state.MemberStatus;
import io.dcnet.state.NodeRole;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Member;

/** Conversions from Pekko members to dcnet records. Stateless, thread-safe. */
public final class Members {
  private Members() {}

  /** The dcnet node id carried in the member's roles, or {@code host:port} when absent. */
  public static String nodeId(Member m) {
    for (String r : m.getRoles()) {
      if (r.startsWith(PekkoConfigFactory.NODE_ROLE_PREFIX)) {
        return r.substring(PekkoConfigFactory.NODE_ROLE_PREFIX.length());
      }
    }
    return hostPort(m.address());
  }

  public static boolean isMaster(Member m) {
    return m.hasRole(NodeRole.MASTER.roleName());
  }

  public static String hostPort(Address a) {
    String host = a.host().isDefined() ? a.host().get() : "?";
    Object port = a.port().isDefined() ? a.port().get() : "?";
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  public static MemberStatus status(Member m) {
    org.apache.pekko.cluster.MemberStatus s = m.status();
    if (s.equals(org.apache.pekko.cluster.MemberStatus.joining())) {
      return MemberStatus.JOINING;
    } else if (s.equals(org.apache.pekko.cluster.MemberStatus.weaklyUp())) {
      return MemberStatus.WEAKLY_UP;
    } else if (s.equals(org.apache.pekko.cluster.MemberStatus.up())) {
      return MemberStatus.UP;
    } else if (s.equals(org.apache.pekko.cluster.MemberStatus.down())) {
      return MemberStatus.DOWN;
    } else if (s.equals(org.apache.pekko.cluster.MemberStatus.removed())) {
      return MemberStatus.REMOVED;
    }
    return MemberStatus.LEAVING;
  }

  /** True for members that still count as present (not down, removed or exiting). */
  public static boolean isLive(Member m) {
    MemberStatus s = status(m);
    return s == MemberStatus.JOINING
        || s == MemberStatus.WEAKLY_UP
        || s == MemberStatus.UP
        || (s == MemberStatus.LEAVING
            && !m.status().equals(org.apache.pekko.cluster.MemberStatus.exiting()));
  }

  public static MemberInfo info(Member m, Set<Member> unreachable) {
    return info(m, status(m), !unreachable.contains(m));
  }

  public static MemberInfo info(Member m, MemberStatus status, boolean reachable) {
    return new MemberInfo(
        nodeId(m),
        isMaster(m) ? NodeRole.MASTER : NodeRole.AGENT,
        hostPort(m.address()),
        m.uniqueAddress().longUid(),
        status,
        reachable);
  }
}
