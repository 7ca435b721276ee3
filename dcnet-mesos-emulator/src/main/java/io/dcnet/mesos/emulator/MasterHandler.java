package io.dcnet.mesos.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dcnet.mesos.model.Pid;
import io.dcnet.mesos.v0.MasterStateRenderer;
import io.dcnet.mesos.v1.V1Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one emulated master: {@code GET /master/state} (and {@code /state}) and {@code POST
 * /api/v1} with {@code GET_STATE}, {@code GET_MASTER} and {@code SUBSCRIBE}. A non-leader answers
 * 307 with a protocol-relative {@code Location}; with no leader every request gets 503.
 *
 * <p>Thread-safe: one instance serves all request threads of its master; state is read through the
 * {@link ClusterController}'s synchronized accessors. A {@code SUBSCRIBE} request keeps its thread
 * until the stream ends.
 */
final class MasterHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MasterHandler.class);

  private final ClusterController cluster;
  private final RequestCounter requests;
  private final String token;
  private final int index;

  /** Serves master {@code index}; {@code token} null means no authorization is required. */
  MasterHandler(ClusterController cluster, RequestCounter requests, String token, int index) {
    this.cluster = cluster;
    this.requests = requests;
    this.token = token;
    this.index = index;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      requests.count(path);
      if (!HttpReplies.authorized(ex, token)) {
        return;
      }
      boolean state = "/master/state".equals(path) || "/state".equals(path);
      boolean api = "/api/v1".equals(path);
      if (!state && !api) {
        HttpReplies.text(ex, 404, "Not found");
        return;
      }
      if (api && !"POST".equals(ex.getRequestMethod())) {
        HttpReplies.callType(ex); // answers 405
        return;
      }
      int leader = cluster.leaderIndex();
      if (leader < 0) {
        HttpReplies.text(ex, 503, "No leader elected");
        return;
      }
      if (leader != index) {
        Pid pid = Pid.parse(cluster.leaderPid()).orElseThrow();
        ex.getResponseHeaders()
            .set("Location", "//" + pid.hostPort() + HttpReplies.pathAndQuery(ex));
        HttpReplies.send(ex, 307, "text/plain; charset=utf-8", new byte[0]);
        return;
      }
      if (state) {
        byte[] override = cluster.override();
        HttpReplies.json(
            ex, override != null ? override : MasterStateRenderer.render(cluster.state()));
        return;
      }
      String type = HttpReplies.callType(ex);
      if (type == null) {
        return;
      }
      requests.count(path + "#" + type);
      switch (type) {
        case "GET_STATE" -> HttpReplies.json(ex, V1Json.renderGetState(cluster.state()));
        case "GET_MASTER" -> {
          Pid pid = Pid.parse(cluster.leaderPid()).orElseThrow();
          HttpReplies.json(
              ex, V1Json.renderGetMaster(pid, cluster.masters().masterId(index), pid.host()));
        }
        case "SUBSCRIBE" -> subscribe(ex);
        default -> HttpReplies.text(ex, 400, "Unsupported call type " + type);
      }
    }
  }

  private void subscribe(HttpExchange ex) throws IOException {
    String accept = lower(ex.getRequestHeaders().getFirst("Accept"));
    String messageAccept = lower(ex.getRequestHeaders().getFirst("Message-Accept"));
    boolean recordio = accept.contains("application/recordio");
    if ((recordio && messageAccept.contains("protobuf")) || accept.contains("protobuf")) {
      HttpReplies.text(ex, 406, "emulator: JSON encoding only (expected: application/json)");
      return;
    }
    EventStreams.Stream stream = cluster.openStream(index);
    if (stream == null) {
      HttpReplies.text(ex, 503, "Leadership changed");
      return;
    }
    if (recordio) {
      ex.getResponseHeaders().set("Content-Type", "application/recordio");
      ex.getResponseHeaders().set("Message-Content-Type", "application/json");
    } else {
      ex.getResponseHeaders().set("Content-Type", "application/json");
    }
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      cluster.streams().serve(stream, out);
    } catch (IOException e) {
      LOG.debug("subscriber went away: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
