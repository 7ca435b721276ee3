package io.dcnet.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.core.json.Json;
import io.dcnet.rest.node.NodeApiClient;
import io.dcnet.state.CertificateTool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Real {@code dcnet master}/{@code dcnet agent} processes for {@code ClusterProcessesTest}: each
 * node's config (all masters as seeds, TLS certificates from {@link CertificateTool}, DNS and REST
 * on the node's own IP), spawned through {@link DemoNodeProcesses}; DNS and REST probes; log tails
 * for failure reports. Test thread only.
 */
final class ClusterNodes implements AutoCloseable {
  private final Path dir;
  private final DemoNodeProcesses procs = new DemoNodeProcesses();
  private final Map<String, DemoNode> nodes = new LinkedHashMap<>();
  private final Map<String, Process> processes = new LinkedHashMap<>();

  ClusterNodes(Path dir) {
    this.dir = dir;
  }

  /** A node on {@code ip} with free state, DNS and REST ports there (not started). */
  DemoNode node(String name, String role, String ip) throws IOException {
    DemoPorts.NodePorts ports = DemoPorts.forNode(ip, 0, new int[0], 0);
    return new DemoNode(
        name, role, ip, ports.state(), ports.dns(), ports.rest(), dir.resolve(name));
  }

  /**
   * Writes the node's config and starts its process.
   *
   * @param seeds the masters' {@code ip:state_port}, same order everywhere
   * @param mesosUrl the node's Mesos master (masters), ignored by agents
   * @param caDir the CA that signs the node's certificate
   */
  Process start(
      DemoNode n,
      String clusterId,
      List<String> seeds,
      String mesosUrl,
      Path caDir,
      int unreachableRemovalSeconds)
      throws IOException {
    Path tls = n.dir().resolve("tls");
    CertificateTool.createNode(caDir, tls, n.name(), List.of(n.ip()));
    ObjectNode c = Json.mapper().createObjectNode();
    c.put("cluster_id", clusterId);
    c.put("ip", n.ip());
    seeds.forEach(c.putArray("masters")::add);
    c.put("state_port", n.statePort());
    c.put("state_dir", n.dir().resolve("state").toString());
    c.put("tls_dir", tls.toString());
    c.put("unreachable_removal_seconds", unreachableRemovalSeconds);
    c.put("mesos_url", mesosUrl);
    c.put("mesos_dns_axfr_url", "");
    ObjectNode dns = c.putObject("dns");
    dns.putArray("bind_ips").add(n.ip());
    dns.put("udp_port", n.dnsPort());
    dns.put("tcp_port", n.dnsPort());
    dns.putArray("upstream_resolvers");
    c.put("rest_bind", n.ip() + ":" + n.restPort());
    // its own table name: l4lb off removes a leftover table of that name from the host namespace
    c.putObject("l4lb").put("enabled", false).put("nft_table", "dcnet-t-cluster");
    Process p = procs.start(n, c.toPrettyString());
    processes.put(n.name(), p);
    nodes.put(n.name(), n);
    return p;
  }

  /** SIGKILLs the node's process and waits until it is gone. */
  void kill9(DemoNode n) throws InterruptedException {
    Process p = processes.get(n.name());
    p.destroyForcibly();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException(n.name() + " still alive 10 s after SIGKILL");
    }
  }

  boolean alive(DemoNode n) {
    return processes.get(n.name()).isAlive();
  }

  List<ProcessHandle> handles() {
    return procs.handles();
  }

  /** A records of {@code name} from the node's DNS ("NXDOMAIN" first when it does not exist). */
  static List<String> a(DemoNode node, String name) {
    List<String> out = new ArrayList<>();
    try {
      SimpleResolver r = new SimpleResolver(InetAddress.getByName(node.ip()));
      r.setPort(node.dnsPort());
      r.setTimeout(Duration.ofSeconds(2));
      Message m =
          r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, 1)));
      if (m.getRcode() == Rcode.NXDOMAIN) {
        out.add("NXDOMAIN");
      }
      for (Record rec : m.getSection(Section.ANSWER)) {
        if (rec instanceof ARecord ar) {
          out.add(ar.getAddress().getHostAddress());
        }
      }
    } catch (IOException e) {
      out.add("ERROR " + e.getMessage());
    }
    return out;
  }

  /**
   * The nodes {@code GET /v1/nodes} of the node lists, sorted: the private IP, with {@code "
   * unreachable"} appended when the node sees it so ("ERROR ..." when the API fails).
   */
  static List<String> listedNodes(DemoNode node) {
    try (NodeApiClient api = new NodeApiClient(URI.create(node.restUrl()), Duration.ofSeconds(3))) {
      return api.nodes().stream()
          .map(r -> r.privateIp() + (r.reachable() ? "" : " unreachable"))
          .sorted()
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of("ERROR " + e.getMessage());
    }
  }

  /**
   * True when the cluster leader (in any node's log) moved {@code n} to Up. Pekko promotes a
   * joining member only while every member is reachable; tests that kill a node wait for this
   * first.
   */
  boolean isUp(DemoNode n, String clusterId) {
    String line =
        "Leader is moving node [pekko://dcnet-"
            + clusterId
            + "@"
            + n.ip()
            + ":"
            + n.statePort()
            + "] to [Up]";
    for (DemoNode other : nodes.values()) {
      try {
        if (Files.readString(other.logFile(), StandardCharsets.UTF_8).contains(line)) {
          return true;
        }
      } catch (IOException | RuntimeException e) {
        // not written yet (or mid-write): not up as far as we know
      }
    }
    return false;
  }

  /** The last lines of every node's log, for a failure report. */
  String logTails(int lines) {
    StringBuilder sb = new StringBuilder();
    for (DemoNode n : nodes.values()) {
      sb.append("==== ").append(n.name()).append(' ').append(n.ip());
      sb.append(alive(n) ? " (alive)" : " (exited)").append(" ====\n");
      // without the strangers' rejected handshakes, which flood the masters' logs
      LogTails.append(sb, n.logFile(), lines, l -> !l.contains("Dropping Handshake Request"));
    }
    return sb.toString();
  }

  /** Copies every node's log to {@code out/<name>.log} (kept after the temp directory goes). */
  void copyLogs(Path out) throws IOException {
    Files.createDirectories(out);
    for (DemoNode n : nodes.values()) {
      if (Files.exists(n.logFile())) {
        Files.copy(
            n.logFile(),
            out.resolve(n.name() + ".log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Stops every process (SIGTERM, SIGKILL after 10 s) and waits for it. */
  @Override
  public void close() {
    procs.close();
  }
}
