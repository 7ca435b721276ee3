package io.dcnet.nodedns.forward;

import io.dcnet.dns.server.DnsProtocol;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the {@code dns} registry (spec §6.2) kept by the forwarders: {@code
 * worker_failures_total{protocol,upstream_address,reason}}, {@code worker_requests_total} (count of
 * {@code worker_requests_duration_seconds}), {@code forwarder_failures_total{zone}}. The
 * per-upstream failure sum drives the bucketing of {@link UpstreamSelector}. A Prometheus binding
 * reads the snapshots.
 *
 * <p>Thread-safe: concurrent maps of adders.
 */
public final class ForwarderMetrics {
  /** Labels of one worker failure series. */
  public record WorkerKey(String protocol, String upstreamAddress, String reason) {}

  /** Labels of one worker request series. */
  public record UpstreamKey(String protocol, String upstreamAddress) {}

  private final Map<WorkerKey, LongAdder> workerFailures = new ConcurrentHashMap<>();
  private final Map<UpstreamKey, LongAdder> workerRequests = new ConcurrentHashMap<>();
  private final Map<UpstreamKey, LongAdder> workerNanos = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, LongAdder> failuresByUpstream = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> forwarderFailures = new ConcurrentHashMap<>();

  /** One failed upstream attempt ({@code reason}: timeout, error, bad_reply). */
  public void workerFailure(DnsProtocol protocol, InetSocketAddress upstream, String reason) {
    workerFailures
        .computeIfAbsent(
            new WorkerKey(proto(protocol), address(upstream), reason), k -> new LongAdder())
        .increment();
    failuresByUpstream.computeIfAbsent(upstream, k -> new LongAdder()).increment();
  }

  /** One answered upstream attempt and its duration. */
  public void workerRequest(DnsProtocol protocol, InetSocketAddress upstream, long nanos) {
    UpstreamKey k = new UpstreamKey(proto(protocol), address(upstream));
    workerRequests.computeIfAbsent(k, x -> new LongAdder()).increment();
    workerNanos.computeIfAbsent(k, x -> new LongAdder()).add(nanos);
  }

  /** A query whose forwarding failed as a whole (SERVFAIL). */
  public void forwarderFailure(String zone) {
    forwarderFailures.computeIfAbsent(zone, k -> new LongAdder()).increment();
  }

  /** Total failures of {@code upstream}, over both transports and every reason. */
  public long failures(InetSocketAddress upstream) {
    LongAdder a = failuresByUpstream.get(upstream);
    return a == null ? 0 : a.sum();
  }

  public Map<WorkerKey, Long> workerFailures() {
    return snapshot(workerFailures);
  }

  public Map<UpstreamKey, Long> workerRequests() {
    return snapshot(workerRequests);
  }

  /** Sum of answered attempts' durations in nanoseconds, per series. */
  public Map<UpstreamKey, Long> workerRequestNanos() {
    return snapshot(workerNanos);
  }

  public Map<String, Long> forwarderFailures() {
    return snapshot(forwarderFailures);
  }

  private static <K> Map<K, Long> snapshot(Map<K, LongAdder> m) {
    Map<K, Long> out = new java.util.HashMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return Map.copyOf(out);
  }

  private static String proto(DnsProtocol p) {
    return p.name().toLowerCase(Locale.ROOT);
  }

  /** {@code ip:port} as dcos-net labels it. */
  static String address(InetSocketAddress a) {
    String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
