package io.dcnet.mesos.stream;

/**
 * Receives cluster changes from {@link OperatorApiSubscriber}. Called on the subscriber's reader
 * thread, in stream order; one event may give several changes, all delivered with the snapshot
 * after the whole event. Must not block for long: the stream is not read meanwhile. Exceptions are
 * logged and ignored.
 */
@FunctionalInterface
public interface ClusterListener {
  void onChange(ClusterChange change, ClusterSnapshot after);
}
