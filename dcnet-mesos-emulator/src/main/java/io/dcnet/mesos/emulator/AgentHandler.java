package io.dcnet.mesos.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dcnet.mesos.v1.V1Json;
import java.io.IOException;

/**
 * Serves one emulated agent's {@code POST /api/v1} ({@code GET_STATE} only; other calls get 400).
 *
 * <p>Thread-safe: reads the cluster through {@link ClusterController}'s synchronized accessors.
 */
final class AgentHandler implements HttpHandler {
  private final ClusterController cluster;
  private final RequestCounter requests;
  private final String token;
  private final String agentId;

  /** Serves agent {@code agentId}; {@code token} null means no authorization is required. */
  AgentHandler(ClusterController cluster, RequestCounter requests, String token, String agentId) {
    this.cluster = cluster;
    this.requests = requests;
    this.token = token;
    this.agentId = agentId;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      requests.count("agent:" + path);
      if (!HttpReplies.authorized(ex, token)) {
        return;
      }
      if (!"/api/v1".equals(path)) {
        HttpReplies.text(ex, 404, "Not found");
        return;
      }
      String type = HttpReplies.callType(ex);
      if (type == null) {
        return;
      }
      requests.count("agent:" + path + "#" + type);
      if ("GET_STATE".equals(type)) {
        HttpReplies.json(ex, V1Json.renderAgentGetState(cluster.agentState(agentId)));
      } else {
        HttpReplies.text(ex, 400, "Unsupported call type " + type + " (emulator: GET_STATE only)");
      }
    }
  }
}
