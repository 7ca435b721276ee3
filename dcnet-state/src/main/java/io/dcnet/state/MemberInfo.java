package io.dcnet.state;

/**
 * One cluster member as seen by the local node. Immutable.
 *
 * @param nodeId the dcnet node id ({@link ClusterStateConfig#nodeId()})
 * @param role master or agent
 * @param address {@code host:port} of the node's cluster transport
 * @param incarnation unique id of the node's current incarnation (changes on every rejoin)
 * @param status membership status
 * @param reachable false when the failure detector of some member flags it
 */
public record MemberInfo(
    String nodeId,
    NodeRole role,
    String address,
    long incarnation,
    MemberStatus status,
    boolean reachable) {}
