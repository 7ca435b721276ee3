package io.dcnet.mesos.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dcnet.mesos.v1.V1Json;
import java.io.IOException;

/**
 * Serves one emulated agent's {@code POST /api/v1} ({@code GET_STATE} only; other calls get 400).
 *
 * <p>Thread-safe: reads the emulator through its synchronized accessors.
 */
final class AgentHandler implements HttpHandler {
  private final MesosEmulator emu;
  private final String agentId;

  AgentHandler(MesosEmulator emu, String agentId) {
    this.emu = emu;
    this.agentId = agentId;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      emu.count("agent:" + path);
      if (!HttpReplies.authorized(ex, emu.requiredToken())) {
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
      emu.count("agent:" + path + "#" + type);
      if ("GET_STATE".equals(type)) {
        HttpReplies.json(ex, V1Json.renderAgentGetState(emu.agentState(agentId)));
      } else {
        HttpReplies.text(ex, 400, "Unsupported call type " + type + " (emulator: GET_STATE only)");
      }
    }
  }
}
