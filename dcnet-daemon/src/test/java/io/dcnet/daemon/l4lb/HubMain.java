package io.dcnet.daemon.l4lb;

import ch.qos.logback.classic.Level;
import io.dcnet.daemon.DemoZooKeeper;
import io.dcnet.l4lb.api.VipEntry;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.Label;
import io.dcnet.rest.node.NodeApiClient;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The hub's helper JVM for {@link L4lbNetnsTest} ({@code ip netns exec <hub> java ... HubMain DIR
 * IP}): a standalone ZooKeeper on {@code IP:2181}, a Mesos emulator (master on {@code IP:5050},
 * framework {@code marathon}, agents on {@code IP}:ephemeral), and probes of the nodes, which only
 * the hub can reach. Greets with {@code ready <zk> <master url>}, then answers one line per command
 * line (answers start with {@code "> "}; everything else goes to stderr):
 *
 * <pre>
 * agent NAME                             -> ok AGENT_ID AGENT_URL
 * task4 AGENT_ID NAME PORT VIP...        -> ok TASK_ID   host port PORT, labels VIP_0.. = VIP...
 * task6 AGENT_ID NAME IP PORT VIP...     -> ok TASK_ID   task IP, container port PORT
 * healthy TASK_ID true|false             -> ok
 * kill TASK_ID                           -> ok
 * backends REST_URL VIP                  -> ok ip:port,... (sorted) | ok absent | none REASON
 * dns SERVER PORT NAME A|AAAA            -> ok addr,... | ok NXDOMAIN | none REASON
 * </pre>
 *
 * <p>Commands run one at a time on the main thread. Exits when stdin closes.
 */
public final class HubMain {
  private final MesosEmulator emulator;
  private final String ip;
  private final String framework;

  private HubMain(MesosEmulator emulator, String ip) {
    this.emulator = emulator;
    this.ip = ip;
    this.framework = emulator.addFramework("marathon", ip);
  }

  public static void main(String[] args) throws Exception {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.WARN);
    Path dir = Path.of(args[0]);
    String ip = args[1];
    try (DemoZooKeeper zk = DemoZooKeeper.start(ip, 2181, dir.resolve("zookeeper"));
        MesosEmulator emu =
            MesosEmulator.builder()
                .masterAddresses(List.of(ip))
                .port(5050)
                .heartbeatInterval(Duration.ofSeconds(1))
                .start()) {
      HubMain hub = new HubMain(emu, ip);
      out.println(NetnsJvm.PREFIX + "ready " + ip + ":2181 " + emu.masterUrls().get(0));
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String answer;
        try {
          answer = hub.handle(line.trim().split(" "));
        } catch (IOException | RuntimeException e) {
          answer = "none " + String.valueOf(e).replace('\n', ' ');
        }
        out.println(NetnsJvm.PREFIX + answer);
      }
    }
    System.exit(0);
  }

  private String handle(String[] c) throws IOException {
    switch (c[0]) {
      case "agent" -> {
        String id = emulator.addAgent(c[1], ip);
        return "ok " + id + " " + emulator.agentUrl(id);
      }
      case "task4" -> {
        int port = Integer.parseInt(c[3]);
        TaskSpec spec =
            TaskSpec.of(framework, c[1], c[2])
                .withHostPorts(port)
                .withHealthy(true)
                .withDiscovery(discovery(c[2], port, true, Arrays.copyOfRange(c, 4, c.length)));
        return "ok " + emulator.launchTask(spec);
      }
      case "task6" -> {
        int port = Integer.parseInt(c[4]);
        TaskSpec spec =
            TaskSpec.of(framework, c[1], c[2])
                .withContainerIps(c[3])
                .withHealthy(true)
                .withDiscovery(discovery(c[2], port, false, Arrays.copyOfRange(c, 5, c.length)));
        return "ok " + emulator.launchTask(spec);
      }
      case "healthy" -> {
        emulator.setHealthy(c[1], Boolean.parseBoolean(c[2]));
        return "ok";
      }
      case "kill" -> {
        emulator.killTask(c[1]);
        return "ok";
      }
      case "backends" -> {
        return backends(c[1], c[2]);
      }
      case "dns" -> {
        return dns(c[1], Integer.parseInt(c[2]), c[3], c[4].equals("AAAA") ? Type.AAAA : Type.A);
      }
      default -> {
        return "none unknown-command:" + c[0];
      }
    }
  }

  private static DiscoveryInfo discovery(String name, int port, boolean hostScope, String[] vips) {
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < vips.length; i++) {
      labels.add(new Label("VIP_" + i, vips[i]));
    }
    if (hostScope) {
      labels.add(new Label("network-scope", "host"));
    }
    return new DiscoveryInfo(
        name, "FRAMEWORK", List.of(new DiscoveryPort(port, "http", "tcp", labels)), List.of());
  }

  private static String backends(String restUrl, String vip) {
    try (NodeApiClient api = new NodeApiClient(URI.create(restUrl), Duration.ofSeconds(2))) {
      List<VipEntry> entries =
          api.vips().stream()
              .filter(v -> v.vip().equals(vip) && v.protocol().equals("tcp"))
              .toList();
      if (entries.isEmpty()) {
        return "ok absent";
      }
      TreeSet<String> out = new TreeSet<>();
      entries.forEach(e -> e.backend().forEach(b -> out.add(b.ip() + ":" + b.port())));
      return "ok " + String.join(",", out);
    } catch (IOException | RuntimeException e) {
      return "none " + String.valueOf(e).replace('\n', ' ');
    }
  }

  private static String dns(String server, int port, String name, int type) {
    try {
      SimpleResolver r = new SimpleResolver(InetAddress.getByName(server));
      r.setPort(port);
      r.setTimeout(Duration.ofSeconds(2));
      Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, 1)));
      if (m.getRcode() == Rcode.NXDOMAIN) {
        return "ok NXDOMAIN";
      }
      TreeSet<String> out = new TreeSet<>();
      for (Record rec : m.getSection(Section.ANSWER)) {
        if (rec instanceof ARecord a) {
          out.add(a.getAddress().getHostAddress());
        } else if (rec instanceof AAAARecord a) {
          out.add(a.getAddress().getHostAddress());
        }
      }
      return "ok " + String.join(",", out);
    } catch (IOException | RuntimeException e) {
      return "none " + String.valueOf(e).replace('\n', ' ');
    }
  }
}
