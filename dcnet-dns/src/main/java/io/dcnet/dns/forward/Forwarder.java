package io.dcnet.dns.forward;

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
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * Mesos-DNS's transparent forwarder (spec §4.4): the client's bytes go unchanged (same id, RD,
 * EDNS) to each upstream in order, over the transport the client used, with a per-attempt timeout.
 * A transport error or timeout moves on to the next upstream; the first reply wins, whatever its
 * rcode; all failing gives SERVFAIL; no upstreams gives REFUSED.
 *
 * <p>Improvement over Mesos-DNS: a truncated UDP reply is retried over TCP to the same upstream; if
 * that fails the truncated reply is relayed (with TC).
 *
 * <p>Thread-safe and non-blocking: each attempt opens a Netty channel on the event loop of the
 * query's server channel, so no thread is held per query.
 */
@SuppressWarnings("FutureReturnValueIgnored") // completion callbacks; errors handled inside
public final class Forwarder implements DnsQueryHandler {
  /** Mesos-DNS's default {@code timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final List<InetSocketAddress> upstreams;
  private final Duration timeout;

  /**
   * @param upstreams resolvers tried in order; may be empty (every query is REFUSED)
   * @param timeout per attempt (connect, write and read); zero means 5 s
   */
  public Forwarder(List<InetSocketAddress> upstreams, Duration timeout) {
    this.upstreams = List.copyOf(Objects.requireNonNull(upstreams, "upstreams"));
    for (InetSocketAddress a : this.upstreams) {
      if (a.isUnresolved()) {
        throw new IllegalArgumentException(
            "upstreams: " + a + " (expected: an IP address and port, not a hostname)");
      }
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
    }
    this.timeout = timeout.isZero() ? DEFAULT_TIMEOUT : timeout;
  }

  /** Mesos-DNS's config form: {@code timeout} in seconds, 0 meaning 5. */
  public static Forwarder withTimeoutSeconds(List<InetSocketAddress> upstreams, int seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("timeout: " + seconds + " (expected: >= 0 seconds)");
    }
    return new Forwarder(upstreams, Duration.ofSeconds(seconds));
  }

  public List<InetSocketAddress> upstreams() {
    return upstreams;
  }

  public Duration timeout() {
    return timeout;
  }

  @Override
  public CompletionStage<Message> handle(DnsQuery query) {
    if (upstreams.isEmpty()) {
      return CompletableFuture.completedFuture(DnsReplies.refused(query.message()));
    }
    if (query.eventLoop() == null || query.transport() == null) {
      throw new IllegalStateException("Forwarder needs a query received by a DnsServer");
    }
    CompletableFuture<Message> result = new CompletableFuture<>();
    attempt(query, 0, result);
    return result;
  }

  private void attempt(DnsQuery query, int index, CompletableFuture<Message> result) {
    if (index >= upstreams.size()) {
      result.complete(DnsReplies.servFail(query.message()));
      return;
    }
    InetSocketAddress upstream = upstreams.get(index);
    boolean tcp = query.protocol() == DnsProtocol.TCP;
    exchange(query, upstream, tcp)
        .whenComplete(
            (reply, error) -> {
              if (error != null) {
                attempt(query, index + 1, result);
              } else if (!tcp && reply.getHeader().getFlag(Flags.TC)) {
                exchange(query, upstream, true)
                    .whenComplete((full, e2) -> result.complete(e2 == null ? full : reply));
              } else {
                result.complete(reply);
              }
            });
  }

  private CompletableFuture<Message> exchange(
      DnsQuery query, InetSocketAddress upstream, boolean tcp) {
    try {
      return UpstreamExchange.exchange(
          query.eventLoop(), query.transport(), upstream, query.wire(), tcp, timeout);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
