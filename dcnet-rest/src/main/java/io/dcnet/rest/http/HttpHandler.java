package io.dcnet.rest.http;

/**
 * Handles one matched request and returns the response. An exception becomes a 500 with a JSON
 * error body; the server logs it once per route and keeps serving.
 *
 * <p>Implementations are called concurrently from several threads (event loop and, for blocking
 * routes, worker threads) and must be thread-safe. A handler registered as non-blocking runs on the
 * Netty event loop and must not block (no I/O, no locks held for long).
 */
@FunctionalInterface
public interface HttpHandler {
  HttpResponse handle(HttpApiRequest request) throws Exception;
}
