package io.dcnet.rest.mesosdns;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.records.MesosDnsSnapshot;
import io.dcnet.rest.http.HttpApiServer;
import io.dcnet.rest.http.HttpResponse;
import io.dcnet.rest.http.HttpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Mesos-DNS {@code /v1} HTTP API (spec/mesos-dns.md section 5) as routes for an {@link
 * HttpApiServer}:
 *
 * <ul>
 *   <li>{@code GET /v1/version}, {@code GET /v1/config} (secret redacted)
 *   <li>{@code GET /v1/hosts/{host}}, {@code GET /v1/hosts/{host}/ports} (501), {@code GET
 *       /v1/services/{service}}
 *   <li>{@code GET /v1/enumerate}, {@code GET /v1/axfr}, only when {@code EnumerationOn} (otherwise
 *       they are not registered, so they give 404)
 * </ul>
 *
 * <p>Every record route reads the snapshot supplier once per request. Until the supplier returns a
 * snapshot they answer 503 with a JSON error; {@code /v1/version} and {@code /v1/config} always
 * answer ({@code SOASerial} is 0 before the first refresh). All handlers are non-blocking (they run
 * on the event loop), so the supplier must be cheap and non-blocking, e.g. an {@code
 * AtomicReference::get}.
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class MesosDnsHttpApi {
  public static final String SERVICE = "Mesos-DNS";
  public static final String URL = "https://github.com/mesosphere/mesos-dns";

  private final MesosDnsConfig config;
  private final Supplier<MesosDnsSnapshot> snapshots;
  private final String version;

  /**
   * @param config the validated config (served by {@code /v1/config}; {@code enumerationOn} decides
   *     whether {@code /v1/enumerate} and {@code /v1/axfr} exist)
   * @param snapshots the current snapshot, or null before the first successful refresh
   * @param version the version reported by {@code /v1/version} (dcnet's version)
   */
  public MesosDnsHttpApi(
      MesosDnsConfig config, Supplier<MesosDnsSnapshot> snapshots, String version) {
    this.config = Objects.requireNonNull(config, "config");
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.version = Objects.requireNonNull(version, "version");
  }

  /** The routes, for mounting on any server. */
  public List<HttpRoute> routes() {
    List<HttpRoute> routes = new ArrayList<>();
    routes.add(HttpRoute.get("/v1/version", req -> HttpResponse.ok(versionBody())));
    routes.add(
        HttpRoute.get(
            "/v1/config",
            req -> {
              MesosDnsSnapshot s = snapshots.get();
              return HttpResponse.ok(
                  MesosDnsConfigRenderer.render(config, s == null ? 0 : s.serial()));
            }));
    routes.add(
        HttpRoute.get(
            "/v1/hosts/{host}",
            req ->
                withSnapshot(
                    s -> MesosDnsLookupRenderer.hosts(s.records(), req.pathParam("host")))));
    routes.add(
        HttpRoute.get(
            "/v1/hosts/{host}/ports", req -> HttpResponse.text(501, "To be implemented...")));
    routes.add(
        HttpRoute.get(
            "/v1/services/{service}",
            req ->
                withSnapshot(
                    s -> MesosDnsLookupRenderer.services(s.records(), req.pathParam("service")))));
    if (config.enumerationOn()) {
      routes.add(
          HttpRoute.get(
              "/v1/enumerate",
              req -> withSnapshot(s -> MesosDnsZoneRenderer.enumerate(s.enumeration()))));
      routes.add(
          HttpRoute.get(
              "/v1/axfr", req -> withSnapshot(s -> MesosDnsZoneRenderer.axfr(config, s))));
    }
    return List.copyOf(routes);
  }

  /** Adds {@link #routes()} to {@code server}. */
  public void register(HttpApiServer server) {
    routes().forEach(server::route);
  }

  private ObjectNode versionBody() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("Service", SERVICE);
    o.put("Version", version);
    o.put("URL", URL);
    return o;
  }

  private HttpResponse withSnapshot(Function<MesosDnsSnapshot, Object> render) {
    MesosDnsSnapshot s = snapshots.get();
    if (s == null) {
      return HttpResponse.error(503, "no records yet: waiting for the first successful refresh");
    }
    return HttpResponse.ok(render.apply(s));
  }
}
