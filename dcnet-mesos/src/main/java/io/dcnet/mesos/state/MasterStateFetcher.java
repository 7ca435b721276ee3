package io.dcnet.mesos.state;

import io.dcnet.core.net.HostPort;
import io.dcnet.core.net.IpLiterals;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.http.MesosHttpClient;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Pid;
import io.dcnet.mesos.v0.MasterStateParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches {@code /master/state} choosing the master exactly as Mesos-DNS does (spec mesos-dns.md
 * 2.2): the list is {@code [leaderHint, others...]}; a non-empty hint is tried first, then the
 * others in order; the first success wins, otherwise the last error is thrown (earlier ones are
 * attached as suppressed). Each attempt does one hop of "follow the leader": if the state's {@code
 * leader} names another IP than the one contacted, the state is fetched again from that IP with the
 * port of the master first contacted. A state without a leader is an error. A 307 from a non-leader
 * is followed (at most {@value #MAX_REDIRECTS} times), as Go's HTTP client does.
 *
 * <p>Thread-safe: stateless apart from the thread-safe HTTP client; calls block the caller.
 */
public final class MasterStateFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(MasterStateFetcher.class);
  static final int MAX_REDIRECTS = 3;
  private static final int MAX_ERROR_BODY = 200;

  private final MesosHttpClient http;
  private final Duration stateTimeout;

  /**
   * @param stateTimeout whole-request timeout ({@code stateTimeoutSeconds}), must be positive
   */
  public MasterStateFetcher(MesosHttpClient http, Duration stateTimeout) {
    this.http = Objects.requireNonNull(http, "http");
    if (stateTimeout.isZero() || stateTimeout.isNegative()) {
      throw new IllegalArgumentException("stateTimeout: " + stateTimeout + " (expected: > 0)");
    }
    this.stateTimeout = stateTimeout;
  }

  /**
   * Fetches the state.
   *
   * @param masters {@code [leaderHint, others...]}, each {@code ip:port} ({@code [v6]:port}); the
   *     hint may be {@code ""} (unknown); empty entries among the others are skipped
   * @throws MesosStateException the last error was a bad document or a state without a leader
   * @throws IOException the last error was a transport/HTTP error, or no master is listed
   */
  public MasterStateResult fetch(List<String> masters)
      throws MesosStateException, IOException, InterruptedException {
    Exception last = null;
    for (int i = 0; i < masters.size(); i++) {
      String entry = masters.get(i);
      if (entry == null || entry.isBlank()) {
        continue;
      }
      try {
        return fetchFollowingLeader(parseMaster(i, entry));
      } catch (MesosStateException | IOException e) {
        LOG.debug("state fetch from masters[{}] {} failed: {}", i, entry, e.getMessage());
        if (last != null) {
          e.addSuppressed(last);
        }
        last = e;
      }
    }
    if (last == null) {
      throw new IOException("masters: " + masters + " (expected: at least one ip:port)");
    }
    if (last instanceof MesosStateException mse) {
      throw mse;
    }
    throw (IOException) last;
  }

  private static HostPort parseMaster(int index, String entry) throws IOException {
    return HostPort.parse(entry.trim())
        .filter(hp -> !hp.host().isEmpty() && hp.port() > 0)
        .orElseThrow(
            () ->
                new IOException(
                    "masters[" + index + "]: '" + entry + "' (expected: ip:port or [ipv6]:port)"));
  }

  /** One Mesos-DNS {@code loadWrap}: fetch, then re-fetch once from the reported leader IP. */
  MasterStateResult fetchFollowingLeader(HostPort contacted)
      throws MesosStateException, IOException, InterruptedException {
    MasterState state = requireLeader(fetchOne(contacted), contacted);
    Pid leader = state.leaderPid().orElseThrow();
    if (sameHost(leader.host(), contacted.host())) {
      return new MasterStateResult(state, contacted);
    }
    HostPort target = new HostPort(leader.host(), contacted.port());
    LOG.debug("master {} reports leader {}; fetching from {}", contacted, state.leader(), target);
    return new MasterStateResult(requireLeader(fetchOne(target), target), target);
  }

  private static MasterState requireLeader(MasterState state, HostPort from)
      throws MesosStateException {
    if (state.leader().isEmpty()) {
      throw new MesosStateException("leader: empty in the state from " + from + " (empty master)");
    }
    if (state.leaderPid().isEmpty()) {
      throw new MesosStateException(
          "leader: '" + state.leader() + "' from " + from + " (expected: master@ip:port)");
    }
    return state;
  }

  private static boolean sameHost(String a, String b) {
    var ia = IpLiterals.parse(a);
    var ib = IpLiterals.parse(b);
    if (ia.isPresent() && ib.isPresent()) {
      return ia.get().equals(ib.get());
    }
    return a.equalsIgnoreCase(b);
  }

  /** GET {@code /master/state} from one master (following up to 3 redirects) and parse it. */
  MasterState fetchOne(HostPort master)
      throws MesosStateException, IOException, InterruptedException {
    URI uri = URI.create(http.scheme() + "://" + master + "/master/state");
    for (int hop = 0; ; hop++) {
      HttpResponse<byte[]> response = get(uri);
      int status = response.statusCode();
      if (status == 200) {
        try {
          return MasterStateParser.parse(response.body());
        } catch (MesosStateException e) {
          throw new MesosStateException("GET " + uri + ": " + e.getMessage(), e);
        }
      }
      var location = response.headers().firstValue("Location");
      if (status >= 300 && status < 400 && location.isPresent() && hop < MAX_REDIRECTS) {
        uri = MesosHttpClient.resolveLocation(uri, location.get());
        continue;
      }
      throw new IOException("GET " + uri + ": HTTP " + status + errorBody(response.body()));
    }
  }

  private HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
    try {
      return http.send(
          http.newRequest(uri, stateTimeout)
              .header("Content-Type", "application/json")
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new IOException("GET " + uri + ": timed out after " + stateTimeout, e);
    } catch (IOException e) {
      throw new IOException("GET " + uri + ": " + describe(e), e);
    }
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
  }

  static String errorBody(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.length() > MAX_ERROR_BODY) {
      text = text.substring(0, MAX_ERROR_BODY) + "...";
    }
    return text.isEmpty() ? "" : " (" + text + ")";
  }
}
