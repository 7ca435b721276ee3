package io.dcnet.state;

/** Membership status of a node, as seen by the local node. */
public enum MemberStatus {
  JOINING,
  WEAKLY_UP,
  UP,
  LEAVING,
  DOWN,
  REMOVED
}
