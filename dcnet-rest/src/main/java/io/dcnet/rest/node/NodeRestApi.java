package io.dcnet.rest.node;

import io.dcnet.l4lb.api.VipsView;
import io.dcnet.nodedns.api.DnsApiView;
import io.dcnet.rest.http.HttpApiServer;
import io.dcnet.rest.http.HttpResponse;
import io.dcnet.rest.http.HttpRoute;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * dcnet's node REST API (spec §2.6 and §6.1), served by every {@code dcnet master} and {@code dcnet
 * agent} on {@value #DEFAULT_BIND}:{@value #DEFAULT_PORT}:
 *
 * <ul>
 *   <li>{@code GET /v1/version}: {@code {"Service":"dcnet","Version":...}}
 *   <li>{@code GET /v1/records} (ETag): every A, AAAA and SRV of the local zones
 *   <li>{@code GET /v1/hosts/{host}}, {@code GET /v1/services/{service}}: local zones only
 *   <li>{@code GET /v1/config}, {@code GET /v1/enumerate}: 501
 *   <li>{@code GET /v1/nodes} (ETag): the cluster's nodes
 *   <li>{@code GET /v1/vips} (ETag): every VIP with its backends (spec 3.5)
 *   <li>{@code GET /v1/metrics}, {@code GET /v1/metrics/{registry}}: Prometheus text 0.0.4; unknown
 *       registry → 404 {@code Unknown Registry}
 * </ul>
 *
 * <p>Version, hosts, services, config and enumerate run on the event loop (the zone supplier must
 * be cheap, e.g. {@code AtomicReference::get}); records, nodes and metrics are blocking routes
 * (larger bodies, and a node supplier may do I/O).
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class NodeRestApi {
  public static final String SERVICE = "dcnet";
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 62080;
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private static final VipsView NO_VIPS = VipsView.of(new TreeMap<>());

  private final DnsApiView dns;
  private final Supplier<List<NodeRecord>> nodes;
  private final NodeMetricsRegistries metrics;
  private final String version;
  private final Supplier<VipsView> vips;

  /**
   * @param dns the local zones' view (hosts, services, records)
   * @param nodes the current node list (null is served as an empty list)
   * @param metrics the registries served by {@code /v1/metrics}
   * @param version dcnet's version, reported by {@code /v1/version}
   */
  public NodeRestApi(
      DnsApiView dns,
      Supplier<List<NodeRecord>> nodes,
      NodeMetricsRegistries metrics,
      String version) {
    this(dns, nodes, metrics, version, () -> NO_VIPS);
  }

  /**
   * @param vips the current {@code /v1/vips} view (null is served as an empty list)
   */
  public NodeRestApi(
      DnsApiView dns,
      Supplier<List<NodeRecord>> nodes,
      NodeMetricsRegistries metrics,
      String version,
      Supplier<VipsView> vips) {
    this.vips = Objects.requireNonNull(vips, "vips");
    this.dns = Objects.requireNonNull(dns, "dns");
    this.nodes = Objects.requireNonNull(nodes, "nodes");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.version = Objects.requireNonNull(version, "version");
  }

  /** The routes, for mounting on any server. */
  public List<HttpRoute> routes() {
    return List.of(
        HttpRoute.get("/v1/version", req -> HttpResponse.ok(NodeJsonRenderer.version(version))),
        HttpRoute.get("/v1/config", req -> notImplemented()),
        HttpRoute.get("/v1/enumerate", req -> notImplemented()),
        HttpRoute.get(
            "/v1/hosts/{host}",
            req -> HttpResponse.ok(NodeJsonRenderer.hosts(dns.hosts(req.pathParam("host"))))),
        HttpRoute.get(
            "/v1/services/{service}",
            req ->
                HttpResponse.ok(NodeJsonRenderer.services(dns.services(req.pathParam("service"))))),
        HttpRoute.get(
                "/v1/records",
                req -> HttpResponse.ok(NodeJsonRenderer.records(dns.records())).withETag(req))
            .asBlocking(),
        HttpRoute.get("/v1/nodes", req -> HttpResponse.ok(renderNodes()).withETag(req))
            .asBlocking(),
        HttpRoute.get("/v1/vips", req -> HttpResponse.ok(renderVips()).withETag(req)).asBlocking(),
        HttpRoute.get("/v1/metrics", req -> scrape(NodeMetricsRegistries.DEFAULT)).asBlocking(),
        HttpRoute.get("/v1/metrics/{registry}", req -> scrape(req.pathParam("registry")))
            .asBlocking());
  }

  /** Adds {@link #routes()} to {@code server}. */
  public void register(HttpApiServer server) {
    routes().forEach(server::route);
  }

  private Object renderNodes() {
    List<NodeRecord> list = nodes.get();
    return NodeJsonRenderer.nodes(list == null ? List.of() : list);
  }

  private Object renderVips() {
    VipsView v = vips.get();
    return v == null ? List.of() : v.entries();
  }

  private HttpResponse scrape(String registry) throws IOException {
    Optional<byte[]> body = metrics.scrape(registry);
    if (body.isEmpty()) {
      return HttpResponse.text(404, "Unknown Registry");
    }
    return HttpResponse.of(200, PROMETHEUS_TEXT, body.get());
  }

  private static HttpResponse notImplemented() {
    return HttpResponse.error(501, "Not Implemented");
  }
}
