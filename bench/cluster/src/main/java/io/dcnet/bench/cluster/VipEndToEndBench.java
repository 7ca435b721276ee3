package io.dcnet.bench.cluster;

import io.dcnet.core.process.CommandRunner;
import io.dcnet.l4lb.agent.VipPublisher;
import io.dcnet.l4lb.control.L4lbController;
import io.dcnet.l4lb.control.L4lbControllerConfig;
import io.dcnet.l4lb.dataplane.DataPlaneException;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.AgentVips;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.L4lbKeys;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.l4lb.nft.NftDataPlane;
import io.dcnet.state.ClusterState;
import io.dcnet.state.Subscription;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One backend change end to end on a loaded node: from an agent's {@link VipPublisher#publish} to
 * the nftables table of another node holding it. Ten cluster-state nodes in this JVM (run it
 * inside a fresh network namespace as root: the table is real): a master running an {@link
 * L4lbController} over an {@link NftDataPlane}, eight agents holding {@code --services} VIPs x
 * {@code --backends} backends between them, and an agent whose one VIP changes backend port at
 * each change.
 * A wrapper around the data plane records when the controller starts the sync that carries the
 * change and when it returns. Main thread; the wrapper runs on the controller's sync thread.
 */
final class VipEndToEndBench {
  private static final VipId CHANGING = new VipId(Protocol.TCP, "11.200.0.1", 80);
  private static final int LOADED_AGENTS = 8;

  private VipEndToEndBench() {}

  static void run(int services, int backends, int changes, int warmup, Duration gap, Path out)
      throws Exception {
    List<ClusterState> nodes = new ArrayList<>();
    try {
      VipPropagationBench.start(nodes, LOADED_AGENTS + 2); // m0, 10.0.0.1 .. 10.0.0.9
      // the loaded VIPs, spread over LOADED_AGENTS agents (one agent's share of a bucket must
      // stay well under Pekko's 256 KiB frame: 10,000 x 5 on a single agent is not a real agent)
      for (int a = 1; a <= LOADED_AGENTS; a++) {
        String ip = "10.0.0." + a;
        Map<VipId, List<Backend>> share = new LinkedHashMap<>();
        for (int s = a - 1; s < services; s += LOADED_AGENTS) {
          List<Backend> bs = new ArrayList<>();
          for (int b = 0; b < backends; b++) {
            bs.add(new Backend(ip, "10." + (b + 1) + "." + (s >> 8) + "." + (s & 255), 8080, 1));
          }
          share.put(new VipId(Protocol.TCP, "11.1." + (s >> 8) + "." + (s & 255), 80), bs);
        }
        if (!new VipPublisher(nodes.get(a), ip).publish(share)) {
          throw new IllegalStateException("publish of agent " + ip + " failed");
        }
      }
      Timing timing = new Timing(NftDataPlane.open("dcnet-bench-e2e", CommandRunner.host()));
      try (L4lbController controller =
          new L4lbController(
              nodes.get(0), timing, L4lbControllerConfig.defaults(), new SimpleMeterRegistry())) {
        controller.start();
        long load0 = System.nanoTime();
        await(
            () -> {
              L4Snapshot s = controller.lastApplied();
              return s != null && s.serviceCount() >= services;
            },
            "the loaded table");
        System.out.printf(
            Locale.ROOT,
            "loaded %d VIPs x %d backends; first sync done %.0f ms after the controller started%n",
            services,
            backends,
            (System.nanoTime() - load0) / 1e6);
        // subscribed after the controller: on the same event thread, called right after it
        try (Subscription seen =
            nodes
                .get(0)
                .subscribe(
                    L4lbKeys.bucketOf(CHANGING),
                    (k, snapshot) -> {
                      AgentVips a = snapshot.get(nodes.get(LOADED_AGENTS + 1).nodeId());
                      if (a != null && !a.vips().isEmpty()) {
                        timing.notified(a.vips().get(0).backends().get(0).port());
                      }
                    })) {
          measure(nodes.get(LOADED_AGENTS + 1), timing, changes, warmup, gap, out);
        }
      } finally {
        timing.close();
      }
    } finally {
      nodes.forEach(ClusterState::close);
    }
  }

  private static void measure(
      ClusterState agent, Timing timing, int changes, int warmup, Duration gap, Path out)
      throws Exception {
    VipPublisher publisher = new VipPublisher(agent, agent.nodeId());
    List<String> csv =
        new ArrayList<>(List.of("change,total_ms,to_notified_ms,to_sync_start_ms,sync_ms"));
    double[] total = new double[changes];
    double[] toNotified = new double[changes];
    double[] toSync = new double[changes];
    double[] sync = new double[changes];
    for (int c = -warmup; c < changes; c++) {
      int port = 20_000 + c + warmup;
      CountDownLatch done = timing.expect(port);
      long t0 = System.nanoTime();
      String ip = agent.nodeId();
      publisher.publish(Map.of(CHANGING, List.of(new Backend(ip, ip, port, 1))));
      if (!done.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("change " + c + " not in the table within 20 s");
      }
      if (c >= 0) {
        total[c] = (timing.syncEnd - t0) / 1e6;
        toNotified[c] = (timing.notifiedAt - t0) / 1e6;
        toSync[c] = (timing.syncStart - t0) / 1e6;
        sync[c] = (timing.syncEnd - timing.syncStart) / 1e6;
        csv.add(
            String.format(
                Locale.ROOT,
                "%d,%.1f,%.1f,%.1f,%.1f",
                c,
                total[c],
                toNotified[c],
                toSync[c],
                sync[c]));
      }
      Thread.sleep(gap.toMillis()); // pacing between changes, not a wait for something
    }
    Files.write(out.resolve("vip-e2e.csv"), csv);
    System.out.println("| part | changes | p50 (ms) | p99 (ms) | max (ms) |");
    System.out.println("|---|---|---|---|---|");
    row("publish → table holds the change", total);
    row("publish → the master's subscribers get it", toNotified);
    row("publish → controller starts the sync", toSync);
    row("the sync (nftables, one nft -i)", sync);
  }

  private static void row(String name, double[] xs) {
    Stats s = Stats.of(xs);
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %s | %s | %s |%n",
        name,
        s.count(),
        Stats.ms(s.percentile(50)),
        Stats.ms(s.percentile(99)),
        Stats.ms(s.max()));
  }

  private static void await(java.util.function.BooleanSupplier done, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": not within 2 min");
      }
      Thread.sleep(50);
    }
  }

  /**
   * The real data plane, plus the times of the sync that carries the expected port of {@link
   * #CHANGING}. Called on the controller's sync thread; the fields it sets are read after the
   * latch opens.
   */
  private static final class Timing implements L4DataPlane {
    private final NftDataPlane delegate;
    private final ServiceKey key;
    private volatile int expectedPort;
    private volatile CountDownLatch latch = new CountDownLatch(0);
    volatile long syncStart;
    volatile long syncEnd;

    Timing(NftDataPlane delegate) throws Exception {
      this.delegate = delegate;
      this.key = new ServiceKey(Protocol.TCP, InetAddress.getByName(CHANGING.host()), 80);
    }

    volatile long notifiedAt;

    CountDownLatch expect(int port) {
      CountDownLatch l = new CountDownLatch(1);
      notifiedAt = 0;
      expectedPort = port;
      latch = l;
      return l;
    }

    /** The master's subscription delivered {@code port} (state event thread). */
    void notified(int port) {
      if (port == expectedPort && notifiedAt == 0) {
        notifiedAt = System.nanoTime();
      }
    }

    @Override
    public String kind() {
      return delegate.kind();
    }

    @Override
    public void sync(L4Snapshot desired) throws DataPlaneException {
      long start = System.nanoTime();
      delegate.sync(desired);
      long end = System.nanoTime();
      List<Destination> d = desired.services().get(key);
      if (d != null && d.size() == 1 && d.get(0).port() == expectedPort && latch.getCount() > 0) {
        syncStart = start;
        syncEnd = end;
        latch.countDown();
      }
    }

    @Override
    public L4Snapshot installed() throws DataPlaneException {
      return delegate.installed();
    }

    @Override
    public Optional<String> quickCheck() throws DataPlaneException {
      return delegate.quickCheck();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
