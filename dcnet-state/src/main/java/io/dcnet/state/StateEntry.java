package io.dcnet.state;

/**
 * One field of a replicated key: the value and the id of the node that owns (wrote) it. Immutable.
 *
 * @param owner node id of the writer; when that node is removed from the cluster, the masters
 *     remove the field
 * @param value the decoded value
 */
public record StateEntry<V>(String owner, V value) {}
