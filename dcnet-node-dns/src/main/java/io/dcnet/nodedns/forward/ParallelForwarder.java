package io.dcnet.nodedns.forward;

import io.dcnet.dns.forward.UpstreamExchange;
import io.dcnet.dns.server.DnsProtocol;
import io.dcnet.dns.server.DnsQuery;
import io.dcnet.dns.server.DnsQueryHandler;
import io.dcnet.dns.server.DnsReplies;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.xbill.DNS.Message;

/**
 * dcos-dns's forwarder (spec §2.3): the client's bytes (id preserved) go <em>in parallel</em> to
 * the chosen upstreams over the client's transport; the first reply wins whatever its rcode; the
 * other workers run on to count failures, their replies discarded. Each worker has its own deadline
 * (5 s), the whole query another (10 s); when every worker failed, or at the overall deadline, the
 * answer is SERVFAIL. No retries, no caching. Upstreams: all of them when {@code queryAll}
 * (Mesos-DNS on the masters) or fewer than 3, else the {@link UpstreamSelector} pick driven by the
 * per-upstream failure counters.
 *
 * <p>Differences from dcnet-dns's {@code Forwarder} (sequential, in order) are deliberate. Unlike
 * dcos-net, SERVFAIL replies have QR set (dcos-net echoed the query with QR unset).
 *
 * <p>Thread-safe and non-blocking: the workers' channels live on the query's event loop ({@link
 * DnsQuery#eventLoop()}); nothing holds a thread per query.
 */
@SuppressWarnings("FutureReturnValueIgnored") // completion callbacks; errors handled inside
public final class ParallelForwarder implements DnsQueryHandler {
  private final String zone;
  private final Supplier<List<InetSocketAddress>> upstreams;
  private final boolean queryAll;
  private final Duration upstreamTimeout;
  private final Duration overallTimeout;
  private final ForwarderMetrics metrics;

  /**
   * @param zone the {@code zone} label of {@code forwarder_failures_total} ("." for the default
   *     upstreams)
   * @param upstreams the current upstreams (called per query; may change between calls)
   * @param queryAll true to always query every upstream
   * @param upstreamTimeout one worker's deadline (connect, write, read)
   * @param overallTimeout the whole query's deadline
   * @param metrics shared counters (also the failure counts for the selection)
   */
  public ParallelForwarder(
      String zone,
      Supplier<List<InetSocketAddress>> upstreams,
      boolean queryAll,
      Duration upstreamTimeout,
      Duration overallTimeout,
      ForwarderMetrics metrics) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.upstreams = Objects.requireNonNull(upstreams, "upstreams");
    this.queryAll = queryAll;
    this.upstreamTimeout = Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
    this.overallTimeout = Objects.requireNonNull(overallTimeout, "overallTimeout");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** A forwarder over a fixed list. */
  public static ParallelForwarder fixed(
      String zone,
      List<InetSocketAddress> upstreams,
      boolean queryAll,
      Duration upstreamTimeout,
      Duration overallTimeout,
      ForwarderMetrics metrics) {
    List<InetSocketAddress> copy = List.copyOf(upstreams);
    return new ParallelForwarder(
        zone, () -> copy, queryAll, upstreamTimeout, overallTimeout, metrics);
  }

  @Override
  public CompletionStage<Message> handle(DnsQuery query) {
    List<InetSocketAddress> all = upstreams.get();
    if (all == null || all.isEmpty()) {
      metrics.forwarderFailure(zone);
      return CompletableFuture.completedFuture(DnsReplies.servFail(query.message()));
    }
    if (query.eventLoop() == null || query.transport() == null) {
      throw new IllegalStateException("ParallelForwarder needs a query received by a DnsServer");
    }
    List<InetSocketAddress> chosen =
        queryAll
            ? List.copyOf(all)
            : UpstreamSelector.select(all, metrics::failures, ThreadLocalRandom.current());
    CompletableFuture<Message> result = new CompletableFuture<>();
    ScheduledFuture<?> deadline =
        query
            .eventLoop()
            .schedule(() -> fail(query, result), overallTimeout.toNanos(), TimeUnit.NANOSECONDS);
    result.whenComplete((m, e) -> deadline.cancel(false));
    AtomicInteger pending = new AtomicInteger(chosen.size());
    boolean tcp = query.protocol() == DnsProtocol.TCP;
    for (InetSocketAddress upstream : chosen) {
      long start = System.nanoTime();
      CompletableFuture<Message> call;
      try {
        call =
            UpstreamExchange.exchange(
                query.eventLoop(), query.transport(), upstream, query.wire(), tcp, upstreamTimeout);
      } catch (RuntimeException e) {
        call = CompletableFuture.failedFuture(e);
      }
      // Losers are not cancelled: they run to their reply or deadline so that a dead upstream's
      // failures are counted (they drive the selection buckets); their replies are discarded.
      call.whenComplete(
          (reply, error) -> {
            if (error == null) {
              metrics.workerRequest(query.protocol(), upstream, System.nanoTime() - start);
              result.complete(reply);
              return;
            }
            metrics.workerFailure(query.protocol(), upstream, reason(error));
            if (pending.decrementAndGet() == 0) {
              fail(query, result);
            }
          });
    }
    return result;
  }

  private void fail(DnsQuery query, CompletableFuture<Message> result) {
    // Everything runs on the query's event loop, so count first: completing sends the reply.
    if (!result.isDone()) {
      metrics.forwarderFailure(zone);
      result.complete(DnsReplies.servFail(query.message()));
    }
  }

  private static String reason(Throwable e) {
    return e instanceof TimeoutException ? "timeout" : "error";
  }
}
