package io.dcnet.rest.http;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Maps a method and a decoded path to a route. Among matching patterns the one with the most
 * literal segments wins, then the one registered first. A path that matches a pattern only under
 * another method gives {@link Match.MethodNotAllowed}.
 *
 * <p>Thread-safe: routes may be added while requests are served (copy-on-write).
 */
public final class HttpRouter {
  private final CopyOnWriteArrayList<HttpRoute> routes = new CopyOnWriteArrayList<>();

  /** The outcome of {@link #match}. */
  public sealed interface Match {
    /** A route matched; {@code params} are its path parameters. */
    record Found(HttpRoute route, Map<String, String> params) implements Match {}

    /** The path is known but not for this method; {@code allowed} lists the methods it has. */
    record MethodNotAllowed(Set<String> allowed) implements Match {}

    /** No route has this path. */
    record NotFound() implements Match {}
  }

  /** Adds a route; rejects a second route with the same method and pattern. */
  public synchronized void add(HttpRoute route) {
    for (HttpRoute r : routes) {
      if (r.method().equals(route.method()) && r.pattern().equals(route.pattern())) {
        throw new IllegalArgumentException(
            "route: " + route + " (expected a unique method and path; already have " + r + ")");
      }
    }
    routes.add(route);
  }

  /** A snapshot of the registered routes, in registration order. */
  public List<HttpRoute> routes() {
    return List.copyOf(routes);
  }

  /** Matches {@code method} and the decoded {@code segments} of a request path. */
  public Match match(String method, List<String> segments) {
    HttpRoute best = null;
    Map<String, String> bestParams = null;
    Set<String> otherMethods = new TreeSet<>();
    for (HttpRoute r : routes) {
      Map<String, String> params = r.pattern().match(segments);
      if (params == null) {
        continue;
      }
      if (!r.method().equals(method)) {
        otherMethods.add(r.method());
      } else if (best == null || r.pattern().literalCount() > best.pattern().literalCount()) {
        best = r;
        bestParams = params;
      }
    }
    if (best != null) {
      return new Match.Found(best, bestParams);
    }
    return otherMethods.isEmpty() ? new Match.NotFound() : new Match.MethodNotAllowed(otherMethods);
  }
}
