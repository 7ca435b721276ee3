package io.dcnet.daemon.l4lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's acceptance scenario with the real {@code dcnet master}/{@code dcnet agent} processes
 * and the {@code nftables} data plane, each node inside its own network namespace ("host").
 *
 * <p>Topology ({@link NetnsHosts}): a hub namespace with bridge 10.77.0.254/24, fd77::fe/64; hosts
 * h1 (dcnet master), h2 and h3 (dcnet agents) on the bridge at 10.77.0.1-3, fd77::1-3, default
 * routes via the hub. The hub runs one helper JVM ({@link HubMain}): ZooKeeper (named-VIP
 * allocation), the Mesos emulator (master, and one emulated agent per agent host, served on the hub
 * address) and the probes of the nodes' REST and DNS. Every host runs a {@code NetnsAgent} JVM
 * (dcnet-l4lb-nft test-jar): the backends (h2, h3) and the clients (h1, h2, h3).
 *
 * <p>Tasks: web-a, web-b on h2 and web-c on h3 (host ports) with the named VIP {@code /web:80} and
 * the IP VIP {@code 11.1.1.1:8080}; web6-2 on h2 and web6-3 on h3 (task IPs fd77::2, fd77::3) with
 * {@code /web6:80} and {@code [fd01:d::99]:80}; api on h2 with {@code /api:80} and {@code
 * 11.1.1.2:80}. The scenario: every VIP reaches every backend from every host; h2 reaches its own
 * task through its VIP; an unhealthy task gets no new connection while its open flow continues;
 * killed tasks take their VIP away and connections are refused; h2's dcnet agent is stopped and
 * started again without a VIP outage on h2 (the nftables table outlives the process); h3 is killed
 * (its dcnet agent and backends SIGKILLed, its link down) and within seconds no new connection goes
 * to it.
 *
 * <p>The host namespaces have no DNS server. This test found that the ZooKeeper client's default
 * SASL setup reverse-resolves the server address before its first request, which stalled the
 * named-VIP allocator for 20 s there; {@code ZkClientSettings} now turns SASL off unless it is
 * configured, and the nodes here run without any ZooKeeper flag.
 */
@Tag("root")
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class L4lbNetnsTest {
  private static final String WEB = "web.marathon.l4lb.thisdcos.directory";
  private static final String WEB6 = "web6.marathon.l4lb.thisdcos.directory";
  private static final String API = "api.marathon.l4lb.thisdcos.directory";
  private static final String IP_VIP = "11.1.1.1";
  private static final String API_VIP = "11.1.1.2";
  private static final String IP6_VIP = "fd01:d::99";
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(300);
  private static final int SPREAD = 30;
  private static final Duration HOST_LOSS_BUDGET = Duration.ofSeconds(15);

  @TempDir Path dir;

  private NetnsCluster cluster;

  @AfterEach
  void tearDown() {
    if (cluster != null) {
      cluster.close();
      assertThat(cluster.allStopped()).as("every process stopped").isTrue();
    }
  }

  @Test
  void vipsReachEveryBackendFromEveryHostAndFollowFailures() throws Exception {
    cluster = NetnsCluster.start(dir, 3);
    try {
      run();
    } catch (Throwable t) {
      System.out.println(cluster.logTails(60));
      Path kept = Path.of("target", "L4lbNetnsTest-logs").toAbsolutePath();
      cluster.copyLogs(kept);
      System.out.println("logs kept in " + kept);
      throw t;
    }
  }

  private void run() throws Exception {
    long t0 = System.nanoTime();
    Map<String, String> tasks = new LinkedHashMap<>();
    for (String name : List.of("web-a", "web-b")) {
      tasks.put(name, cluster.launchHostPortTask(2, name, "/web:80", IP_VIP + ":8080"));
    }
    tasks.put("web-c", cluster.launchHostPortTask(3, "web-c", "/web:80", IP_VIP + ":8080"));
    for (int i = 2; i <= 3; i++) {
      tasks.put(
          "web6-" + i, cluster.launchIpv6Task(i, "web6-" + i, "/web6:80", "[" + IP6_VIP + "]:80"));
    }
    tasks.put("api", cluster.launchHostPortTask(2, "api", "/api:80", API_VIP + ":80"));
    Set<String> web = Set.of("web-a", "web-b", "web-c");
    Set<String> web6 = Set.of("web6-2", "web6-3");

    // 1. every node lists the VIPs with every backend; named VIPs resolve to one address everywhere
    for (int i = 1; i <= 3; i++) {
      int host = i;
      await("h" + i + " lists every VIP")
          .atMost(STARTUP)
          .pollInterval(POLL)
          .untilAsserted(
              () -> {
                assertThat(backendCount(host, WEB + ":80")).isEqualTo(3);
                assertThat(backendCount(host, IP_VIP + ":8080")).isEqualTo(3);
                assertThat(backendCount(host, WEB6 + ":80")).isEqualTo(2);
                assertThat(backendCount(host, "[" + IP6_VIP + "]:80")).isEqualTo(2);
                assertThat(backendCount(host, API + ":80")).isEqualTo(1);
              });
    }
    String webIp = resolveEverywhere(WEB, "A");
    String web6Ip = resolveEverywhere(WEB6, "AAAA");
    String apiIp = resolveEverywhere(API, "A");
    System.out.printf(
        "VIPs listed and resolved after %d ms: %s=%s %s=%s %s=%s%n",
        ms(t0), WEB, webIp, WEB6, web6Ip, API, apiIp);

    // 2. from every host, the named VIP and the IP VIP (IPv4 and IPv6) reach every backend; h2's
    // own tasks are among them (a task reaches its own VIP)
    for (int i = 1; i <= 3; i++) {
      awaitSpread(i, webIp, 80, web, web);
      awaitSpread(i, IP_VIP, 8080, web, web);
      awaitSpread(i, web6Ip, 80, web6, web6);
      awaitSpread(i, IP6_VIP, 80, web6, web6);
    }
    // the api task's only backend is on h2 itself: h2 reaches it through its VIP
    awaitSpread(2, API_VIP, 80, Set.of("api"), Set.of("api"));
    awaitSpread(2, apiIp, 80, Set.of("api"), Set.of("api"));
    System.out.printf("every VIP reaches every backend from every host after %d ms%n", ms(t0));

    // 3. web-b turns unhealthy: no new connection goes to it, an open flow to it continues
    String flow = openFlowTo(1, IP_VIP, 8080, "web-b");
    cluster.hub("healthy " + tasks.get("web-b") + " false");
    Set<String> healthy = Set.of("web-a", "web-c");
    awaitSpread(1, IP_VIP, 8080, healthy, healthy);
    awaitSpread(2, IP_VIP, 8080, healthy, healthy);
    awaitSpread(3, webIp, 80, healthy, healthy);
    assertThat(cluster.client(1, "probe " + flow)).isEqualTo("ok web-b");
    assertThat(cluster.client(1, "close " + flow)).isEqualTo("ok");
    System.out.printf("web-b drained after %d ms%n", ms(t0));

    // 4. the api task is killed: its VIPs disappear and connections are refused
    cluster.hub("kill " + tasks.get("api"));
    await("api VIPs gone from /v1/vips")
        .atMost(WAIT)
        .pollInterval(POLL)
        .untilAsserted(
            () -> {
              for (int i = 1; i <= 3; i++) {
                assertThat(cluster.backends(i, API_VIP + ":80")).as("h" + i).isEqualTo("absent");
                assertThat(cluster.backends(i, API + ":80")).as("h" + i).isEqualTo("absent");
              }
            });
    await("api VIPs refuse connections")
        .atMost(WAIT)
        .pollInterval(POLL)
        .untilAsserted(
            () -> {
              for (int i = 1; i <= 2; i++) {
                assertThat(request(i, API_VIP, 80)).as("h" + i).startsWith("none ConnectException");
                assertThat(request(i, apiIp, 80)).as("h" + i).startsWith("none ConnectException");
              }
            });
    System.out.printf("api VIPs gone and refused after %d ms%n", ms(t0));

    // 5. h2's dcnet agent is stopped (SIGTERM, as for an upgrade): its nftables table stays, so
    // from h2 the VIPs keep reaching the healthy backends, new connections included, while it is
    // down; started again, it takes the table over and follows the cluster again
    assertThat(cluster.stopNode(2)).as("h2's dcnet agent exited").isTrue();
    assertThat(cluster.inHost(2, "nft", "list", "tables")).contains("table inet dcnet-l4lb");
    assertThat(new TreeSet<>(spread(2, IP_VIP, 8080, healthy))).isEqualTo(healthy);
    assertThat(new TreeSet<>(spread(2, webIp, 80, healthy))).isEqualTo(healthy);
    cluster.restartNode(2);
    await("h2 lists the VIPs again after its restart")
        .atMost(STARTUP)
        .pollInterval(POLL)
        .untilAsserted(() -> assertThat(backendCount(2, WEB + ":80")).isEqualTo(3));
    awaitSpread(2, IP_VIP, 8080, healthy, healthy);
    awaitSpread(1, webIp, 80, healthy, healthy);
    System.out.printf("h2 restarted without a VIP outage after %d ms%n", ms(t0));

    // 6. h3 is killed (dcnet agent and backends SIGKILLed, link down): within seconds no new
    // connection from h1 or h2 goes to it
    long killed = System.nanoTime();
    cluster.killHost(3);
    await("no new connection to h3")
        .atMost(HOST_LOSS_BUDGET.plus(WAIT))
        .pollInterval(POLL)
        .untilAsserted(
            () -> {
              for (int i = 1; i <= 2; i++) {
                assertThat(spread(i, IP_VIP, 8080, Set.of("web-a"))).containsOnly("web-a");
                assertThat(spread(i, webIp, 80, Set.of("web-a"))).containsOnly("web-a");
                assertThat(spread(i, IP6_VIP, 80, Set.of("web6-2"))).containsOnly("web6-2");
              }
            });
    Duration excluded = Duration.ofNanos(System.nanoTime() - killed);
    System.out.printf("h3's backends excluded %d ms after it was killed%n", excluded.toMillis());
    assertThat(excluded).as("time until h3 gets no new connection").isLessThan(HOST_LOSS_BUDGET);
  }

  /** Opens flows from {@code host} until one lands on {@code target} (bounded); returns its id. */
  private String openFlowTo(int host, String vip, int port, String target) throws IOException {
    for (int i = 0; i < 60; i++) {
      String id = "flow" + i;
      String got = cluster.client(host, "open " + id + " " + vip + " " + port);
      if (got.equals("ok " + target)) {
        return id;
      }
      cluster.client(host, "close " + id);
    }
    throw new AssertionError("60 flows to " + vip + ":" + port + " and none on " + target);
  }

  /** Waits until {@link #SPREAD} requests from {@code host} land on exactly {@code expected}. */
  private void awaitSpread(
      int host, String vip, int port, Set<String> allowed, Set<String> expected) {
    await("h" + host + " -> " + vip + ":" + port + " reaches " + expected)
        .atMost(WAIT)
        .pollInterval(POLL)
        .untilAsserted(
            () -> assertThat(new TreeSet<>(spread(host, vip, port, allowed))).isEqualTo(expected));
  }

  /**
   * The backends {@link #SPREAD} TCP requests from {@code host} land on, stopping at the first
   * answer outside {@code allowed} (a failed request answers {@code none <exception>}).
   */
  private List<String> spread(int host, String vip, int port, Set<String> allowed)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < SPREAD; i++) {
      String a = request(host, vip, port);
      String name = a.startsWith("ok ") ? a.substring(3) : a;
      out.add(name);
      if (!allowed.contains(name)) {
        break;
      }
    }
    return out;
  }

  private String request(int host, String vip, int port) throws IOException {
    return cluster.client(host, "request tcp " + vip + " " + port);
  }

  /** The number of backends the node lists for {@code vip} (0 when absent, -1 on errors). */
  private int backendCount(int host, String vip) throws IOException {
    String b = cluster.backends(host, vip);
    if (b.startsWith("none")) {
      return -1;
    }
    return b.equals("absent") || b.isEmpty() ? 0 : b.split(",").length;
  }

  /** Waits until every node's DNS answers {@code name} with one address, the same everywhere. */
  private String resolveEverywhere(String name, String type) {
    String[] first = {null};
    for (int i = 1; i <= 3; i++) {
      int host = i;
      await("h" + i + " resolves " + name + " " + type)
          .atMost(WAIT)
          .pollInterval(POLL)
          .untilAsserted(
              () -> {
                String a = cluster.dns(host, name, type);
                assertThat(a).doesNotContain(",").doesNotStartWith("none").isNotIn("", "NXDOMAIN");
                if (first[0] == null) {
                  first[0] = a;
                }
                assertThat(a).as("same address on every node").isEqualTo(first[0]);
              });
    }
    return first[0];
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
