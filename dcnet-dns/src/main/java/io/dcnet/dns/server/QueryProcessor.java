package io.dcnet.dns.server;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;

/**
 * The transport-independent query path: validate and parse the bytes, enforce the in-flight cap,
 * call the handler, turn failures into SERVFAIL, fit the reply into the size limit and hand the
 * bytes to the transport's sink. A handler that is also a {@link FastAnswerer} is offered plain
 * queries ({@link WireQuestion}) first, before any dnsjava parsing.
 *
 * <p>Thread-safe: one instance serves every channel of a server. {@link #process} runs on an event
 * loop; the sink may be called on the calling thread (synchronous handlers) or on whichever thread
 * completes the handler's stage.
 */
@SuppressWarnings("FutureReturnValueIgnored") // completion callbacks; errors handled inside
final class QueryProcessor {
  private static final Logger log = LoggerFactory.getLogger(QueryProcessor.class);
  private static final int HEADER_BYTES = 12;

  private final DnsQueryHandler handler;
  private final FastAnswerer fast;
  private final DnsServerOptions options;
  private final DnsServerStats stats;
  private final NettyTransport transport;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean handlerErrorLogged = new AtomicBoolean();

  QueryProcessor(
      DnsQueryHandler handler,
      DnsServerOptions options,
      DnsServerStats stats,
      NettyTransport transport) {
    this.handler = handler;
    this.fast = handler instanceof FastAnswerer f ? f : null;
    this.options = options;
    this.stats = stats;
    this.transport = transport;
  }

  int inFlight() {
    return inFlight.get();
  }

  /**
   * Answers {@code wire}; calls {@code sink} at most once with the reply bytes (never for dropped
   * input). Never throws.
   */
  void process(
      byte[] wire,
      DnsProtocol protocol,
      InetSocketAddress client,
      EventLoop loop,
      Consumer<byte[]> sink) {
    stats.queries().incrementAndGet();
    if (wire.length < HEADER_BYTES || (wire[2] & 0x80) != 0) {
      // Too short to hold an id, or a response: answering a response invites reflection loops.
      stats.dropped().incrementAndGet();
      return;
    }
    if (fast != null && tryFast(wire, protocol, sink)) {
      return;
    }
    Message request;
    try {
      request = new Message(wire);
    } catch (Exception | StackOverflowError e) {
      sendFormErr(wire, sink);
      return;
    }
    try {
      if (request.getQuestion() == null) {
        sendFormErr(wire, sink);
        return;
      }
      if (request.getHeader().getOpcode() != Opcode.QUERY) {
        sendError(request, Rcode.NOTIMP, protocol, sink);
        return;
      }
      if (inFlight.incrementAndGet() > options.maxInFlight()) {
        inFlight.decrementAndGet();
        stats.overload().incrementAndGet();
        sendError(request, Rcode.SERVFAIL, protocol, sink);
        return;
      }
    } catch (RuntimeException e) {
      sendFormErr(wire, sink);
      return;
    }
    try {
      dispatch(new DnsQuery(request, wire, protocol, client, loop, transport), sink);
    } catch (RuntimeException e) { // safety net: nothing escapes into the pipeline
      stats.dropped().incrementAndGet();
      noteHandlerError(e);
    }
  }

  /** The fast path: true if {@link #fast} answered (and the reply went to the sink). */
  private boolean tryFast(byte[] wire, DnsProtocol protocol, Consumer<byte[]> sink) {
    byte[] reply;
    try {
      WireQuestion q = WireQuestion.parse(wire);
      if (q == null) {
        return false;
      }
      reply = fast.fastAnswer(q, q.sizeLimit(protocol));
    } catch (RuntimeException e) { // a bug there must not lose the query: take the long way
      noteHandlerError(e);
      return false;
    }
    if (reply == null) {
      return false;
    }
    stats.countResponse(reply[3] & 0x0F);
    sink.accept(reply);
    return true;
  }

  private void dispatch(DnsQuery query, Consumer<byte[]> sink) {
    CompletableFuture<Message> future;
    try {
      CompletionStage<Message> stage = handler.handle(query);
      future = stage == null ? null : stage.toCompletableFuture();
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e); // counted once, in finish()
    }
    if (future == null) {
      future = CompletableFuture.completedFuture(null);
    }
    if (future.isDone()) {
      Throwable failure = failureOf(future);
      finish(query, failure == null ? future.getNow(null) : null, failure, sink);
      return;
    }
    AtomicBoolean done = new AtomicBoolean();
    ScheduledFuture<?> timer =
        query.eventLoop() == null
            ? null
            : query
                .eventLoop()
                .schedule(
                    () -> {
                      if (done.compareAndSet(false, true)) {
                        stats.timeouts().incrementAndGet();
                        finish(query, null, null, sink);
                      }
                    },
                    options.queryTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
    future.whenComplete(
        (reply, error) -> {
          if (done.compareAndSet(false, true)) {
            if (timer != null) {
              timer.cancel(false);
            }
            finish(query, reply, error, sink);
          }
        });
  }

  private static Throwable failureOf(CompletableFuture<Message> future) {
    if (!future.isCompletedExceptionally()) {
      return null;
    }
    try {
      future.join();
      return null;
    } catch (RuntimeException e) {
      return e.getCause() == null ? e : e.getCause();
    }
  }

  private void finish(DnsQuery query, Message reply, Throwable error, Consumer<byte[]> sink) {
    inFlight.decrementAndGet();
    if (error != null) {
      noteHandlerError(error);
    }
    Message out = reply;
    if (out == null || error != null) {
      out = DnsReplies.servFail(query.message());
    }
    try {
      send(query.message(), out, query.protocol(), sink);
    } catch (RuntimeException e) {
      noteHandlerError(e);
      try {
        send(query.message(), DnsReplies.servFail(query.message()), query.protocol(), sink);
      } catch (RuntimeException again) {
        stats.dropped().incrementAndGet();
      }
    }
  }

  private void noteHandlerError(Throwable e) {
    stats.handlerErrors().incrementAndGet();
    if (handlerErrorLogged.compareAndSet(false, true)) {
      log.warn("DNS handler failed (answered SERVFAIL; logged once per server)", e);
    }
  }

  private void send(Message request, Message reply, DnsProtocol protocol, Consumer<byte[]> sink) {
    reply.getHeader().setID(request.getHeader().getID());
    int limit = ResponseTruncator.sizeLimit(request, protocol);
    ResponseTruncator.Fitted fitted = ResponseTruncator.fit(reply, limit, options.setTruncateBit());
    if (fitted.truncated()) {
      stats.truncated().incrementAndGet();
    }
    stats.countResponse(reply.getRcode());
    sink.accept(fitted.wire());
  }

  private void sendError(Message request, int rcode, DnsProtocol protocol, Consumer<byte[]> sink) {
    send(request, DnsReplies.error(request, rcode), protocol, sink);
  }

  private void sendFormErr(byte[] wire, Consumer<byte[]> sink) {
    stats.formerr().incrementAndGet();
    stats.countResponse(Rcode.FORMERR);
    sink.accept(DnsReplies.formErrHeader(wire));
  }
}
