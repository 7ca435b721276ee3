package io.dcnet.daemon.l4lb;

import io.dcnet.core.process.CommandRunner;
import io.dcnet.daemon.LogTails;
import io.dcnet.daemon.Main;
import io.dcnet.l4lb.nft.NetnsAgent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running cluster of {@link L4lbNetnsTest} on {@link NetnsHosts}: the hub's {@link HubMain}
 * JVM, a {@code NetnsAgent} JVM in every host (backends and clients), {@code dcnet master} in h1
 * and {@code dcnet agent}s in the other hosts, each with its emulated Mesos agent. Files (configs,
 * state, logs) live under one directory. {@link #close()} stops every process, then deletes the
 * namespaces.
 *
 * <p>Owned by the test thread.
 */
final class NetnsCluster implements AutoCloseable {
  private final Path dir;
  private final int count;
  private NetnsHosts hosts;
  private NetnsJvm hub;
  private final Map<Integer, NetnsJvm> clients = new LinkedHashMap<>();
  private final Map<Integer, NetnsJvm> nodes = new LinkedHashMap<>();
  private final Map<Integer, String> agentIds = new LinkedHashMap<>();
  private final List<NetnsJvm> processesStopped = new ArrayList<>();

  /** The log of a node started again by {@link #restartNode}. */
  static final String RESTARTED_LOG = "node-restarted.log";

  private NetnsCluster(Path dir, int count) {
    this.dir = dir;
    this.count = count;
  }

  /** Creates the hosts and starts every process (it does not wait for the nodes to be up). */
  static NetnsCluster start(Path dir, int count) throws IOException {
    NetnsCluster c = new NetnsCluster(dir, count);
    try {
      c.startAll();
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private void startAll() throws IOException {
    hosts = NetnsHosts.create(count);
    hub =
        NetnsJvm.helper(
            hosts.hub(),
            "hub",
            dir.resolve("hub.log"),
            HubMain.class.getName(),
            dir.resolve("hub").toString(),
            NetnsHosts.HUB_IP);
    for (int i = 1; i <= count; i++) {
      clients.put(
          i,
          NetnsJvm.helper(
              hosts.host(i),
              "netns-agent-h" + i,
              dir.resolve("netns-agent-h" + i + ".log"),
              NetnsAgent.class.getName()));
    }
    String[] hello = hub.greeting().split(" ");
    if (!hello[0].equals("ready")) {
      throw new IOException("hub did not start: " + String.join(" ", hello));
    }
    Map<Integer, String> agentUrls = new LinkedHashMap<>();
    for (int i = 2; i <= count; i++) {
      String[] a = hub("agent h" + i).split(" ");
      agentIds.put(i, a[0]);
      agentUrls.put(i, a[1]);
    }
    for (int i = 1; i <= count; i++) {
      String name = "h" + i;
      Path nodeDir = dir.resolve(name);
      Files.createDirectories(nodeDir);
      Path config = nodeDir.resolve("config.json");
      String json =
          NetnsNodeConfig.json(
              name,
              NetnsHosts.ip4(i),
              NetnsHosts.ip4(1),
              nodeDir,
              hello[2],
              hello[1],
              agentUrls.get(i));
      Files.writeString(config, json, StandardCharsets.UTF_8);
      startNode(i, "node.log");
    }
    for (NetnsJvm c : clients.values()) {
      String hi = c.greeting();
      if (!hi.equals("ready")) {
        throw new IOException(c.name() + " did not start: " + hi);
      }
    }
  }

  /**
   * Starts backend {@code name} on host {@code host}'s IPv4 address and launches a task of it with
   * that host port and the VIP labels {@code vips}; returns the task id.
   */
  String launchHostPortTask(int host, String name, String... vips) throws IOException {
    int port = backend(host, name, NetnsHosts.ip4(host));
    return hub(
        "task4 " + agentIds.get(host) + " " + name + " " + port + " " + String.join(" ", vips));
  }

  /**
   * Starts backend {@code name} on host {@code host}'s IPv6 address and launches a task of it with
   * that task IP and container port and the VIP labels {@code vips}; returns the task id.
   */
  String launchIpv6Task(int host, String name, String... vips) throws IOException {
    String ip = NetnsHosts.ip6(host);
    int port = backend(host, name, ip);
    return hub(
        "task6 "
            + agentIds.get(host)
            + " "
            + name
            + " "
            + ip
            + " "
            + port
            + " "
            + String.join(" ", vips));
  }

  private int backend(int host, String name, String ip) throws IOException {
    return Integer.parseInt(ok(client(host, "backend " + name + " " + ip)));
  }

  /** A hub command; returns the text after {@code ok}. */
  String hub(String command) throws IOException {
    return ok(hub.call(command));
  }

  /**
   * A command to the host's NetnsAgent; returns its answer ({@code ok ...} or {@code none ...}).
   */
  String client(int host, String command) throws IOException {
    return clients.get(host).call(command);
  }

  /**
   * The node's {@code /v1/vips} backends of {@code vip}: {@code ip:port,...} sorted, {@code
   * absent}, or {@code none <error>} when the node does not answer.
   */
  String backends(int host, String vip) throws IOException {
    return probe(
        "backends http://" + NetnsHosts.ip4(host) + ":" + NetnsNodeConfig.REST_PORT + " " + vip);
  }

  /**
   * {@code name}'s {@code type} (A or AAAA) records from the node's DNS: {@code addr,...}, {@code
   * NXDOMAIN}, or {@code none <error>} when the node does not answer.
   */
  String dns(int host, String name, String type) throws IOException {
    return probe(
        "dns " + NetnsHosts.ip4(host) + " " + NetnsNodeConfig.DNS_PORT + " " + name + " " + type);
  }

  private void startNode(int host, String logName) throws IOException {
    Path nodeDir = dir.resolve("h" + host);
    nodes.put(
        host,
        NetnsJvm.logged(
            hosts.host(host),
            "dcnet-h" + host,
            nodeDir.resolve(logName),
            Main.class.getName(),
            host == 1 ? "master" : "agent",
            "--config",
            nodeDir.resolve("config.json").toString()));
  }

  /** Stops host {@code host}'s dcnet node as an operator would (SIGTERM); true when it exited. */
  boolean stopNode(int host) {
    NetnsJvm node = nodes.get(host);
    node.stop(10);
    return !node.alive();
  }

  /**
   * Starts host {@code host}'s dcnet node again (same config and state; {@link #RESTARTED_LOG}).
   */
  void restartNode(int host) throws IOException {
    processesStopped.add(nodes.get(host));
    startNode(host, RESTARTED_LOG);
  }

  /** Runs {@code command} in host {@code host}'s namespace and returns its output. */
  String inHost(int host, String... command) throws IOException {
    return CommandRunner.inNamespace(hosts.host(host)).run(command);
  }

  /** The host dies: its dcnet node and its NetnsAgent are SIGKILLed and its link goes down. */
  void killHost(int host) throws IOException, InterruptedException {
    nodes.get(host).kill9();
    clients.get(host).kill9();
    hosts.cut(host);
  }

  /** A hub probe: the text after {@code ok}, or the whole {@code none ...} answer. */
  private String probe(String command) throws IOException {
    String answer = hub.call(command);
    return answer.startsWith("ok") ? ok(answer) : answer;
  }

  private static String ok(String answer) throws IOException {
    if (!answer.startsWith("ok")) {
      throw new IOException("answer: " + answer + " (expected: ok ...)");
    }
    return answer.length() > 3 ? answer.substring(3) : "";
  }

  private List<Path> logs() {
    List<Path> out = new ArrayList<>();
    out.add(dir.resolve("hub.log"));
    for (int i = 1; i <= count; i++) {
      out.add(dir.resolve("h" + i).resolve("node.log"));
      Path restarted = dir.resolve("h" + i).resolve(RESTARTED_LOG);
      if (Files.exists(restarted)) {
        out.add(restarted);
      }
      out.add(dir.resolve("netns-agent-h" + i + ".log"));
    }
    return out;
  }

  /** The last lines of every log, for a failure report. */
  String logTails(int lines) {
    StringBuilder sb = new StringBuilder();
    for (Path log : logs()) {
      sb.append("==== ").append(dir.relativize(log)).append(" ====\n");
      LogTails.append(sb, log, lines, l -> true);
    }
    return sb.toString();
  }

  /** Copies every log to {@code out} (kept after the temporary directory goes). */
  void copyLogs(Path out) throws IOException {
    Files.createDirectories(out);
    for (Path log : logs()) {
      if (Files.exists(log)) {
        Files.copy(
            log,
            out.resolve(dir.relativize(log).toString().replace('/', '-')),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** True when every process started has exited. */
  boolean allStopped() {
    return processes().stream().noneMatch(NetnsJvm::alive);
  }

  private List<NetnsJvm> processes() {
    List<NetnsJvm> all = new ArrayList<>(clients.values());
    all.addAll(nodes.values());
    all.addAll(processesStopped);
    if (hub != null) {
      all.add(hub);
    }
    return all;
  }

  /** Stops every process (SIGTERM, SIGKILL after 10 s), then deletes the namespaces. */
  @Override
  public void close() {
    for (NetnsJvm p : processes()) {
      p.stop(10);
    }
    if (hosts != null) {
      hosts.close();
    }
  }
}
