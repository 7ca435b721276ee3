package io.dcnet.state;

import io.dcnet.core.net.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of one cluster-state node. Immutable; validated on construction with messages that name
 * the field and the expected form. Build with {@link #builder}.
 *
 * @param clusterId cluster identity, part of the transport's system name ({@code dcnet-<id>})
 * @param nodeId this node's id (its IP in production); owner of the fields it writes
 * @param role master or agent
 * @param bindHost address to bind and advertise (must be reachable by the other nodes)
 * @param bindPort port to bind, 0 = ephemeral (tests)
 * @param seeds {@code host:port} of the masters, in the same order on every node; empty = this node
 *     forms a new cluster by itself
 * @param seedFile optional file with one {@code host:port} per line; when set it replaces {@code
 *     seeds} and is re-read on change
 * @param durableDir directory of the durable replica, or null for memory only
 * @param tls mutual TLS between nodes, or null for plain TCP
 * @param unreachableRemoval how long a member must be unreachable before the masters remove it
 * @param heartbeatPause failure detector's acceptable heartbeat pause
 */
public record ClusterStateConfig(
    String clusterId,
    String nodeId,
    NodeRole role,
    String bindHost,
    int bindPort,
    List<String> seeds,
    Path seedFile,
    Path durableDir,
    TlsSettings tls,
    Duration unreachableRemoval,
    Duration heartbeatPause) {

  /** Default cluster transport port (the port dcos-net used for lashup). */
  public static final int DEFAULT_PORT = 62501;

  public static final Duration DEFAULT_UNREACHABLE_REMOVAL = Duration.ofMinutes(3);
  public static final Duration DEFAULT_HEARTBEAT_PAUSE = Duration.ofSeconds(3);

  private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,47}");
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  public ClusterStateConfig {
    validateClusterId(clusterId);
    if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
      throw new IllegalArgumentException(
          "nodeId: " + nodeId + " (expected: 1-100 letters, digits or ._:-)");
    }
    Objects.requireNonNull(role, "role");
    if (bindHost == null || bindHost.isBlank()) {
      throw new IllegalArgumentException("bindHost: " + bindHost + " (expected: an address)");
    }
    if (bindPort < 0 || bindPort > 65535) {
      throw new IllegalArgumentException("bindPort: " + bindPort + " (expected: 0-65535)");
    }
    seeds = List.copyOf(seeds == null ? List.of() : seeds);
    for (String s : seeds) {
      parseSeed(s);
    }
    if (unreachableRemoval == null) {
      unreachableRemoval = DEFAULT_UNREACHABLE_REMOVAL;
    }
    if (unreachableRemoval.isNegative() || unreachableRemoval.isZero()) {
      throw new IllegalArgumentException(
          "unreachableRemoval: " + unreachableRemoval + " (expected: > 0)");
    }
    if (heartbeatPause == null) {
      heartbeatPause = DEFAULT_HEARTBEAT_PAUSE;
    }
    if (heartbeatPause.compareTo(Duration.ofMillis(500)) < 0) {
      throw new IllegalArgumentException(
          "heartbeatPause: " + heartbeatPause + " (expected: >= 0.5s)");
    }
  }

  /** Throws {@code clusterId: <id> (expected: ...)} unless the id is usable. */
  public static void validateClusterId(String clusterId) {
    if (clusterId == null || !CLUSTER_ID.matcher(clusterId).matches()) {
      throw new IllegalArgumentException(
          "clusterId: "
              + clusterId
              + " (expected: 1-48 letters, digits or '-', starting with a letter or digit,"
              + " e.g. a UUID)");
    }
  }

  /** Parses one seed {@code host:port} (port 1-65535), or throws naming the field. */
  public static HostPort parseSeed(String text) {
    HostPort hp = HostPort.parse(text == null ? "" : text.trim()).orElse(null);
    if (hp == null || hp.port() == 0 || hp.host().isEmpty()) {
      throw new IllegalArgumentException("seeds: " + text + " (expected: host:port, port 1-65535)");
    }
    return hp;
  }

  /** The transport's actor system name: {@code dcnet-<clusterId>}. */
  public String systemName() {
    return "dcnet-" + clusterId;
  }

  public static Builder builder(String clusterId, String nodeId, NodeRole role) {
    return new Builder(clusterId, nodeId, role);
  }

  /** A copy with another bind port (used to come back on the same address). */
  public ClusterStateConfig withBindPort(int port) {
    return new ClusterStateConfig(
        clusterId,
        nodeId,
        role,
        bindHost,
        port,
        seeds,
        seedFile,
        durableDir,
        tls,
        unreachableRemoval,
        heartbeatPause);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final String clusterId;
    private final String nodeId;
    private final NodeRole role;
    private String bindHost = "127.0.0.1";
    private int bindPort = DEFAULT_PORT;
    private final List<String> seeds = new ArrayList<>();
    private Path seedFile;
    private Path durableDir;
    private TlsSettings tls;
    private Duration unreachableRemoval = DEFAULT_UNREACHABLE_REMOVAL;
    private Duration heartbeatPause = DEFAULT_HEARTBEAT_PAUSE;

    private Builder(String clusterId, String nodeId, NodeRole role) {
      this.clusterId = clusterId;
      this.nodeId = nodeId;
      this.role = role;
    }

    public Builder bind(String host, int port) {
      this.bindHost = host;
      this.bindPort = port;
      return this;
    }

    public Builder seeds(List<String> hostPorts) {
      seeds.clear();
      seeds.addAll(hostPorts);
      return this;
    }

    public Builder seedFile(Path file) {
      this.seedFile = file;
      return this;
    }

    public Builder durableDir(Path dir) {
      this.durableDir = dir;
      return this;
    }

    public Builder tls(TlsSettings settings) {
      this.tls = settings;
      return this;
    }

    public Builder unreachableRemoval(Duration d) {
      this.unreachableRemoval = d;
      return this;
    }

    public Builder heartbeatPause(Duration d) {
      this.heartbeatPause = d;
      return this;
    }

    public ClusterStateConfig build() {
      return new ClusterStateConfig(
          clusterId,
          nodeId,
          role,
          bindHost,
          bindPort,
          seeds,
          seedFile,
          durableDir,
          tls,
          unreachableRemoval,
          heartbeatPause);
    }
  }
}
