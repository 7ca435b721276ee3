package io.dcnet.daemon;

import io.dcnet.core.process.Privileges;
import io.dcnet.daemon.mesosdns.MesosDnsDaemon;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.emulator.TaskSpec;
import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesos.model.DiscoveryInfo;
import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesosdns.config.ConfigException;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.config.MesosDnsConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A whole Mesos-DNS setup on loopback: sample apps (real HTTP servers), the Mesos emulator running
 * them as Marathon tasks, and dcnet's Mesos-DNS polling it; with {@link #startNodes} also a {@code
 * dcnet master} and two {@code dcnet agent}s as child processes ({@link DemoNodeProcesses}). Used
 * by {@code dcnet demo} and by its tests, so the printed commands are the ones the tests run.
 *
 * <p>Not thread-safe: start and close from one thread.
 */
final class Demo implements AutoCloseable {
  static final String IP = "127.0.0.1";
  static final List<String> APPS = List.of("web", "web", "api");

  /** The dcnet nodes ({@link #startNodes}): a master and two agents, each on its own address. */
  static final List<String> NODE_IPS = List.of("127.0.0.31", "127.0.0.32", "127.0.0.33");

  /**
   * Each Mesos agent is its own loopback address, the same as its dcnet agent's; an app instance
   * listens on its agent's address.
   */
  static final List<String> AGENT_IPS = NODE_IPS.subList(1, 3);

  /** Every app has the named VIP {@code /<app>:8080} ({@code <app>.marathon.l4lb...:8080}). */
  static final int VIP_PORT = 8080;

  /** The demo's named-VIP range: loopback, so the master's userspace proxy can bind it. */
  static final String VIP_MIN = "127.11.0.0";

  static final String VIP_MAX = "127.11.255.254";

  static final String CLUSTER_ID = "dcnet-demo";

  private final List<AutoCloseable> resources = new ArrayList<>();
  private DemoApps apps;
  private MesosEmulator emulator;
  private MesosDnsDaemon dns;
  private MesosDnsConfig config;
  private DemoNodeProcesses nodeProcesses;
  private final List<DemoNode> nodes = new ArrayList<>();
  private final List<String> agentIds = new ArrayList<>();

  /** Starts everything; {@code dnsPort}/{@code httpPort} fall back to free ports when taken. */
  Demo start(int dnsPort, int httpPort, int refreshSeconds)
      throws IOException, InterruptedException, ConfigException {
    apps = new DemoApps();
    resources.add(apps);
    emulator = MesosEmulator.builder().masterAddresses(List.of(IP)).start();
    resources.add(emulator);
    String fw =
        emulator.addFramework("marathon", IP, "scheduler(1)@" + IP + ":" + emulator.masterPort());
    List<String> agents = agentIds;
    for (String agentIp : AGENT_IPS) {
      agents.add(emulator.addAgent("agent-" + agentIp, agentIp));
    }
    for (int i = 0; i < APPS.size(); i++) {
      String agentIp = AGENT_IPS.get(i % AGENT_IPS.size());
      DemoApps.Instance inst = apps.add(APPS.get(i), agentIp);
      emulator.launchTask(
          TaskSpec.of(fw, agents.get(i % agents.size()), inst.app())
              .withHostPorts(inst.port())
              .withDiscovery(
                  new DiscoveryInfo(
                      inst.app(),
                      "FRAMEWORK",
                      List.of(
                          new DiscoveryPort(
                              inst.port(),
                              "http",
                              "tcp",
                              List.of(new Label("VIP_0", "/" + inst.app() + ":" + VIP_PORT)))),
                      List.of())));
    }
    String json =
        """
        {
          "masters": ["%s:%d"],
          "refreshSeconds": %d,
          "listener": "%s",
          "port": %d,
          "httpListener": "%s",
          "httpport": %d,
          "externalon": false,
          "SOAMname": "ns1.mesos",
          "IPSources": ["netinfo", "mesos", "host"]
        }
        """
            .formatted(
                IP,
                emulator.masterPort(),
                refreshSeconds,
                IP,
                freeOr(dnsPort, true),
                IP,
                freeOr(httpPort, false));
    config = MesosDnsConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8));
    dns = new MesosDnsDaemon(config, MesosAuth.none(), Version.get(), () -> {});
    resources.add(dns);
    dns.start();
    if (!dns.awaitReadyAndListen(Duration.ofSeconds(30))) {
      throw new IOException("the first Mesos-DNS refresh did not succeed within 30 s");
    }
    return this;
  }

  /** {@code preferred} if UDP+TCP (or TCP) can bind it on {@link #IP}, else 0 (any free port). */
  private static int freeOr(int preferred, boolean udpToo) {
    return preferred != 0 && DemoPorts.isFree(IP, preferred, udpToo) ? preferred : 0;
  }

  /**
   * Starts one {@code dcnet master} ({@link #NODE_IPS}[0]) and two {@code dcnet agent}s as child
   * processes (call after {@link #start}) and waits until every node's DNS answers {@code
   * ready.spartan} and the apps' {@code agentip} names.
   *
   * @param dir configs, logs and state of the nodes (one sub-directory per node)
   * @param wellKnownPorts true: state 62501-62503, DNS 53 (as root) or 10053, REST 62080, each when
   *     free; false: free ports only (tests)
   * @throws IOException naming the node when one does not come up within {@code timeout}
   */
  Demo startNodes(Path dir, boolean wellKnownPorts, Duration timeout)
      throws IOException, InterruptedException {
    nodeProcesses = new DemoNodeProcesses();
    resources.add(nodeProcesses);
    boolean root = Privileges.isRoot();
    for (int i = 0; i < NODE_IPS.size(); i++) {
      String ip = NODE_IPS.get(i);
      boolean master = i == 0;
      int[] dnsPrefs =
          !wellKnownPorts ? new int[0] : root ? new int[] {53, 10053} : new int[] {10053};
      DemoPorts.NodePorts ports =
          DemoPorts.forNode(
              ip, wellKnownPorts ? 62501 + i : 0, dnsPrefs, wellKnownPorts ? 62080 : 0);
      nodes.add(
          new DemoNode(
              master ? "master" : "agent-" + i,
              master ? "master" : "agent",
              ip,
              ports.state(),
              ports.dns(),
              ports.rest(),
              dir.resolve(master ? "master" : "agent-" + i)));
    }
    DemoZooKeeper zk = DemoZooKeeper.start(IP, 0, dir.resolve("zookeeper"));
    resources.add(zk);
    String seed = nodes.get(0).ip() + ":" + nodes.get(0).statePort();
    URI axfr = URI.create("http://" + IP + ":" + httpPort() + "/v1/axfr");
    for (int i = 0; i < nodes.size(); i++) {
      DemoNode n = nodes.get(i);
      String agentUrl = i == 0 ? null : emulator.agentUrl(agentIds.get(i - 1));
      nodeProcesses.start(
          n,
          n.configJson(
              CLUSTER_ID,
              seed,
              emulator.masterUrls().get(0),
              axfr,
              IP + ":" + dnsPort(),
              DemoNode.l4lb(zk.connectString(), agentUrl)));
    }
    nodeProcesses.awaitReady(agentIpNames(), timeout);
    DemoVips.await(nodes.get(0), apps.instances(), timeout);
    return this;
  }

  /** {@code <app>.marathon.agentip.dcos.thisdcos.directory} → the IPs of its instances. */
  Map<String, Set<String>> agentIpNames() {
    Map<String, Set<String>> out = new TreeMap<>();
    for (DemoApps.Instance i : apps.instances()) {
      out.computeIfAbsent(
              i.app() + ".marathon.agentip.dcos.thisdcos.directory", k -> new TreeSet<>())
          .add(i.ip());
    }
    return out;
  }

  /** The node processes' settings (empty before {@link #startNodes}). */
  List<DemoNode> nodes() {
    return List.copyOf(nodes);
  }

  /** The node processes (null before {@link #startNodes}). */
  DemoNodeProcesses nodeProcesses() {
    return nodeProcesses;
  }

  MesosEmulator emulator() {
    return emulator;
  }

  MesosDnsDaemon mesosDns() {
    return dns;
  }

  List<DemoApps.Instance> instances() {
    return apps.instances();
  }

  int dnsPort() {
    return dns.dnsPort();
  }

  int httpPort() {
    return dns.httpPort();
  }

  /** Shell commands that work against this demo, one per line, with a comment line above each. */
  List<String> commands() {
    String dig = "dig @" + IP + " -p " + dnsPort();
    String api = "http://" + IP + ":" + httpPort();
    List<String> out = new ArrayList<>();
    out.addAll(
        List.of(
            "# every instance of app 'web' (A records; the answer order rotates)",
            dig + " +short web.marathon.mesos",
            "# its ports: SRV records with one target per instance",
            dig + " +short _web._tcp.marathon.mesos SRV",
            "# the same over TCP, and the leading master",
            dig + " +tcp +short leader.mesos",
            "# call 'web' through DNS: the port from SRV, the address from the target's A record",
            "read -r _ _ port target <<<\"$("
                + dig
                + " +short _web._tcp.marathon.mesos SRV | head -n1)\"; curl -s"
                + " \"http://$("
                + dig
                + " +short \"$target\" | head -n1):$port/\"",
            "# the Mesos-DNS HTTP API",
            "curl -s " + api + "/v1/services/_api._tcp.marathon.mesos",
            "curl -s " + api + "/v1/hosts/web.marathon.mesos",
            "curl -s " + api + "/v1/axfr"));
    for (DemoNode n : nodes) {
      out.addAll(n.commands());
    }
    if (!nodes.isEmpty()) {
      DemoNode master = nodes.get(0);
      String mdig = "dig @" + master.ip() + " -p " + master.dnsPort() + " +short ";
      out.addAll(
          List.of(
              "# named VIPs: one address per app, load-balanced over its instances by the"
                  + " master's userspace data plane (repeat to see both 'web' instances)",
              mdig + DemoVips.name("web"),
              "curl -s \"http://$(" + mdig + DemoVips.name("web") + "):" + VIP_PORT + "/\"",
              "curl -s \"http://$(" + mdig + DemoVips.name("api") + "):" + VIP_PORT + "/\"",
              "./dcnet vips --api " + master.restUrl()));
    }
    return out;
  }

  @Override
  public void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    resources.clear();
  }
}
