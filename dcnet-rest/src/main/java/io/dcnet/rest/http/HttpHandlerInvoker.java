package io.dcnet.rest.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls handlers and turns their failures into 500 responses. The first failure of each route is
 * logged at WARN with its stack trace, later ones at DEBUG; all are counted.
 *
 * <p>Thread-safe; one per server, shared by all connections.
 */
final class HttpHandlerInvoker {
  private static final Logger LOG = LoggerFactory.getLogger(HttpHandlerInvoker.class);

  private final String serverName;
  private final AtomicLong failures = new AtomicLong();
  private final Set<HttpRoute> loggedRoutes = ConcurrentHashMap.newKeySet();

  HttpHandlerInvoker(String serverName) {
    this.serverName = serverName;
  }

  HttpResponse invoke(HttpRoute route, HttpApiRequest request) {
    try {
      HttpResponse r = route.handler().handle(request);
      if (r == null) {
        throw new IllegalStateException("handler returned null");
      }
      return r;
    } catch (Exception | LinkageError | AssertionError e) {
      long n = failures.incrementAndGet();
      if (loggedRoutes.add(route)) {
        LOG.warn(
            "{}: handler of {} failed for {} (later failures of this route log at DEBUG)",
            serverName,
            route,
            request,
            e);
      } else {
        LOG.debug(
            "{}: handler of {} failed for {} (failure #{})", serverName, route, request, n, e);
      }
      return HttpResponse.error(500, "internal error: " + e.getClass().getSimpleName());
    }
  }

  long failures() {
    return failures.get();
  }
}
