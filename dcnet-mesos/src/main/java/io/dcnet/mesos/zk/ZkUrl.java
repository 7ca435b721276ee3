package io.dcnet.mesos.zk;

import io.dcnet.core.net.HostPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed Mesos ZooKeeper URL, {@code zk://host:port[,host:port...]/path}.
 *
 * <p>Thread-safe: immutable.
 *
 * @param servers the ensemble, in URL order
 * @param path the znode of the Mesos master group, e.g. {@code /mesos}; never ends with {@code /}
 */
public record ZkUrl(List<HostPort> servers, String path) {
  private static final String PREFIX = "zk://";

  public ZkUrl {
    servers = List.copyOf(servers);
    Objects.requireNonNull(path, "path");
  }

  /**
   * Parses the URL.
   *
   * @throws IllegalArgumentException naming the {@code zk} field and the expected form
   */
  public static ZkUrl parse(String url) {
    String expected = " (expected: zk://host:port[,host:port...]/path)";
    if (url == null || !url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("zk: '" + url + "'" + expected);
    }
    String rest = url.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("zk: '" + url + "' has no path" + expected);
    }
    String hosts = rest.substring(0, slash);
    String path = rest.substring(slash);
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.equals("/") || path.contains("//")) {
      throw new IllegalArgumentException("zk: '" + url + "' path '" + path + "'" + expected);
    }
    if (hosts.contains("@")) {
      throw new IllegalArgumentException(
          "zk: '" + url + "' has credentials, which are not supported" + expected);
    }
    List<HostPort> servers = new ArrayList<>();
    for (String h : hosts.split(",", -1)) {
      HostPort hp =
          HostPort.parse(h.trim())
              .filter(p -> !p.host().isEmpty() && p.port() > 0)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "zk: server '" + h + "' in '" + url + "'" + expected));
      servers.add(hp);
    }
    return new ZkUrl(servers, path);
  }

  /** The Curator/ZooKeeper connect string, {@code h1:p1,h2:p2}. */
  public String connectString() {
    return String.join(",", servers.stream().map(HostPort::toString).toList());
  }
}
