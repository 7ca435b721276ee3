package io.dcnet.state;

/**
 * A membership change seen by the local node. Immutable.
 *
 * @param type what happened
 * @param member the member after the change
 */
public record MembershipEvent(Type type, MemberInfo member) {
  /** Kinds of membership change. */
  public enum Type {
    UP,
    UNREACHABLE,
    REACHABLE,
    REMOVED
  }
}
