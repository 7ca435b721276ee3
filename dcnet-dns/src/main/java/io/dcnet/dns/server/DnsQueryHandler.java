package io.dcnet.dns.server;

import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;

/**
 * Answers one parsed DNS query. Called on a Netty event loop: an implementation must not block.
 * Answer synchronously with {@code CompletableFuture.completedFuture(reply)} or complete the stage
 * later from any thread.
 *
 * <p>The returned message must be a fresh object owned by the caller: the server mutates it while
 * fitting it into the size limit (§4.3). A thrown exception, an exceptionally completed stage or a
 * {@code null} reply is answered with SERVFAIL.
 *
 * <p>Implementations must be thread-safe: every event loop calls the same instance.
 */
@FunctionalInterface
public interface DnsQueryHandler {
  CompletionStage<Message> handle(DnsQuery query);
}
