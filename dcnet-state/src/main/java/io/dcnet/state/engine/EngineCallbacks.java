package io.dcnet.state.engine;

import io.dcnet.state.MembershipEvent;
import java.util.Map;

/**
 * What an {@link Incarnation}'s actors tell the owner ({@code ClusterState}). Implementations must
 * be thread-safe and must not block: they are called on Pekko dispatcher threads.
 */
public interface EngineCallbacks {
  /** A subscribed key changed; {@code raw} maps field → {@link StoredValue} text, immutable. */
  void onChanged(int incarnation, String key, Map<String, String> raw);

  /** A membership change as seen by this node. */
  void onMembership(int incarnation, MembershipEvent event);

  /** This node became Up (or WeaklyUp) in its cluster. */
  void onSelfUp(int incarnation);

  /**
   * This incarnation cannot continue (removed, quarantined, or masters lost it); start a new one.
   */
  void requestRestart(int incarnation, String reason);
}
