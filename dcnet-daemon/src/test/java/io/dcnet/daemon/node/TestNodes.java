package io.dcnet.daemon.node;

import io.dcnet.discovery.ControllerOptions;
import io.dcnet.mesos.stream.SubscriberOptions;
import io.dcnet.state.NodeRole;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Starts {@link NodeDaemon}s on 127.0.0.x for tests and closes them all. Test thread only. */
final class TestNodes implements AutoCloseable {
  /** The nftables table name in test configs (never installed: no test node runs nftables here). */
  static final String TEST_TABLE = "dcnet-t-daemon";

  static final ControllerOptions FAST =
      new ControllerOptions(
          Duration.ofMillis(100),
          Duration.ofSeconds(2),
          Duration.ofMillis(200),
          Duration.ofSeconds(1),
          Duration.ofMillis(20));
  static final SubscriberOptions SUBSCRIBER =
      SubscriberOptions.defaults()
          .withBackoff(Duration.ofMillis(20), Duration.ofMillis(300))
          .withIdleTimeout(Duration.ofSeconds(2));

  private final Path dir;
  private final List<NodeDaemon> started = new ArrayList<>();

  /** {@code mesos_dns_axfr_url} of the next configs ("" = mirror off). */
  String axfrUrl = "";

  TestNodes(Path dir) {
    this.dir = dir;
  }

  /** A free TCP port on {@code ip} (for a master's state port, which the agents must know). */
  static int freePort(String ip) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ip))) {
      return s.getLocalPort();
    }
  }

  /**
   * The config JSON of a node on {@code ip}: DNS on {@code ip} port 0, no upstreams, mirror off.
   *
   * @param extra more {@code "key": value} pairs (with a leading comma), or ""
   */
  String config(
      String clusterId, String ip, int statePort, String master, String mesosUrl, String extra) {
    return config(clusterId, ip, statePort, List.of(master), mesosUrl, extra);
  }

  /** As above with several masters ({@code ip:state_port}, seeds in this order). */
  String config(
      String clusterId,
      String ip,
      int statePort,
      List<String> masters,
      String mesosUrl,
      String extra) {
    return "{\"cluster_id\": \""
        + clusterId
        + "\", \"ip\": \""
        + ip
        + "\", \"masters\": [\""
        + String.join("\", \"", masters)
        + "\"], \"state_port\": "
        + statePort
        + ", \"state_dir\": \""
        + dir.resolve("state-" + ip + "-" + statePort)
        + "\", \"mesos_url\": \""
        + mesosUrl
        + "\", \"mesos_dns_axfr_url\": \""
        + axfrUrl
        + "\""
        + ", \"dns\": {\"bind_ips\": [\""
        + ip
        + "\"], \"udp_port\": 0, \"tcp_port\": 0, \"upstream_resolvers\": []}"
        + ", \"rest_bind\": \""
        + ip
        + ":0\""
        // a table name of its own: a node started with l4lb off removes a leftover table of that
        // name from the (host) namespace, which must never be a real node's
        + (extra.contains("\"l4lb\"")
            ? ""
            : ", \"l4lb\": {\"enabled\": false, \"nft_table\": \"" + TEST_TABLE + "\"}")
        + extra
        + "}";
  }

  NodeDaemon start(String json, NodeRole role) throws Exception {
    NodeConfig cfg = NodeConfigParser.parse(json.getBytes(StandardCharsets.UTF_8));
    NodeDaemon d = new NodeDaemon(cfg, role, "test", FAST, SUBSCRIBER);
    started.add(d);
    return d.start();
  }

  /** A records of {@code name} from the node's DNS over UDP ("NXDOMAIN" when it does not exist). */
  static List<String> a(NodeDaemon node, String name) throws IOException {
    String hostPort = node.dnsAddresses().get(0);
    String ip = hostPort.substring(0, hostPort.lastIndexOf(':'));
    SimpleResolver r = new SimpleResolver(InetAddress.getByName(ip));
    r.setPort(node.dnsPort());
    r.setTimeout(Duration.ofSeconds(2));
    Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, 1)));
    List<String> out = new ArrayList<>();
    if (m.getRcode() == org.xbill.DNS.Rcode.NXDOMAIN) {
      out.add("NXDOMAIN");
    }
    for (Record rec : m.getSection(Section.ANSWER)) {
      if (rec instanceof ARecord ar) {
        out.add(ar.getAddress().getHostAddress());
      }
    }
    return out;
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }
}
