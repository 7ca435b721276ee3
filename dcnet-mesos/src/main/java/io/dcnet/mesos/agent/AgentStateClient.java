package io.dcnet.mesos.agent;

import io.dcnet.core.net.HostPort;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.http.MesosHttpClient;
import io.dcnet.mesos.v1.AgentState;
import io.dcnet.mesos.v1.V1Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Asks one Mesos agent for its state with the v1 agent API: {@code POST /api/v1
 * {"type":"GET_STATE"}}.
 *
 * <p>Thread-safe: stateless apart from the thread-safe HTTP client; calls block the caller.
 */
public final class AgentStateClient {
  private static final String GET_STATE = "{\"type\":\"GET_STATE\"}";
  private static final int MAX_ERROR_BODY = 200;

  private final MesosHttpClient http;

  public AgentStateClient(MesosHttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /** The state of the agent at {@code agent} ({@code ip:port}, usually port 5051). */
  public AgentState getState(HostPort agent)
      throws IOException, MesosStateException, InterruptedException {
    URI uri = URI.create(http.scheme() + "://" + agent + "/api/v1");
    HttpRequest request =
        http.newRequest(uri)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(GET_STATE, StandardCharsets.UTF_8))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new IOException(
          "POST " + uri + " GET_STATE: timed out after " + http.config().requestTimeout(), e);
    } catch (IOException e) {
      throw new IOException("POST " + uri + " GET_STATE: " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "POST " + uri + " GET_STATE: HTTP " + response.statusCode() + snippet(response.body()));
    }
    try {
      return V1Json.parseAgentGetState(response.body());
    } catch (MesosStateException e) {
      throw new MesosStateException("POST " + uri + " GET_STATE: " + e.getMessage(), e);
    }
  }

  private static String snippet(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String s = new String(body, StandardCharsets.UTF_8).strip();
    return " (" + (s.length() > MAX_ERROR_BODY ? s.substring(0, MAX_ERROR_BODY) + "..." : s) + ")";
  }
}
