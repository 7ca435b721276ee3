package io.dcnet.bench.l4lb;

import io.dcnet.core.process.CommandRunner;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.nft.NftRenderer;
import io.dcnet.l4lb.nft.NftSession;
import io.dcnet.l4lb.nft.NftUpdateRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times {@code L4DataPlane.sync}: (1) a loaded snapshot (default 10,000 services x 5 destinations)
 * onto an empty plane, {@code --repeats} times with a fresh plane each time; (2) on the last loaded
 * plane, {@code --changes} one-backend changes ({@link ChangeSequence}), each one {@code sync}; (3)
 * one read-back ({@code installed()}) before and after the changes, checked equal to what was
 * synced. For nftables it also times the parts of a change: rendering the update script, and
 * {@code nft} itself (spawn only, and a two-element transaction on the loaded table).
 *
 * <p>Single-threaded (the data plane's sync thread is the main thread).
 */
final class ProgramBench {
  private final List<String> lines = new ArrayList<>();
  private final List<String> csv = new ArrayList<>(List.of("phase,index,kind,ms"));

  private ProgramBench() {}

  static void run(BenchOptions opts) throws Exception {
    new ProgramBench().measure(opts);
  }

  private void measure(BenchOptions opts) throws Exception {
    boolean nft = Planes.isNft(opts);
    int services = opts.getInt("services", 10_000, 1, 60_000);
    int backends = opts.getInt("backends", 5, 1, 64);
    int repeats = opts.getInt("repeats", 5, 1, 100);
    int changes = opts.getInt("changes", 200, 1, 100_000);
    int warmup = opts.getInt("warmup-changes", 20, 0, 100_000);
    long seed = opts.getInt("seed", 1, 0, Integer.MAX_VALUE);
    String base = opts.get("vip-base", nft ? "11.1.0.0" : "127.10.0.0");
    int port = opts.getInt("port", nft ? 80 : 8080, 1, 65535);
    L4Snapshot big =
        BenchSnapshots.loaded(services, backends, BenchSnapshots.parseAddress(base), port);
    say(
        "plane %s: %d services x %d destinations (VIPs %s + i, port %d), %d repeats, %d changes",
        nft ? "nftables" : "userspace", services, backends, base, port, repeats, changes);
    if (nft) {
      say("nft updates: %s", Planes.nftSession(opts) ? "one nft -i session" : "nft -f each");
    }
    if (nft) {
      List<Double> renders = new ArrayList<>();
      int kib = 0;
      for (int i = 0; i < 3; i++) {
        long r0 = System.nanoTime();
        kib = NftRenderer.render(big, Planes.table(opts)).length() / 1024;
        renders.add(ms(r0));
      }
      say("full nft script: %d KiB, rendering it (3 times, cold JVM first): %s ms", kib, renders);
    }

    List<Double> full = new ArrayList<>();
    L4DataPlane plane = null;
    for (int r = 1; r <= repeats; r++) {
      if (plane != null) {
        long c0 = System.nanoTime();
        plane.close();
        sample("teardown", r - 1, "close", ms(c0));
      }
      plane = Planes.open(opts);
      long t0 = System.nanoTime();
      plane.sync(big);
      double took = ms(t0);
      full.add(took);
      sample("from-empty", r, "full", took);
      say("from empty #%d: %s ms", r, Stats.ms(took));
    }
    say("from empty: %s", Stats.summary(full));

    long rb = System.nanoTime();
    L4Snapshot back = plane.installed();
    say("read back loaded table: %s ms, equal to what was synced: %s", Stats.ms(ms(rb)), back.equals(big));

    ChangeSequence seq = new ChangeSequence(big, seed);
    List<Double> warm = new ArrayList<>();
    for (int c = 1; c <= warmup; c++) {
      L4Snapshot after = seq.next();
      long t0 = System.nanoTime();
      plane.sync(after);
      warm.add(ms(t0));
      sample("warmup-change", c, "-", warm.get(warm.size() - 1));
    }
    List<Double> all = new ArrayList<>();
    List<Double> render = new ArrayList<>();
    for (int c = 1; c <= changes; c++) {
      L4Snapshot before = seq.current();
      String kind = seq.nextKind();
      L4Snapshot after = seq.next(); // built outside the timed part
      long t0 = System.nanoTime();
      plane.sync(after);
      double took = ms(t0);
      all.add(took);
      sample("change", c, kind, took);
      if (nft) {
        long r0 = System.nanoTime();
        NftUpdateRenderer.render(before, after, Planes.table(opts));
        double r = ms(r0);
        render.add(r);
        sample("render-update", c, kind, r);
      }
    }
    if (!warm.isEmpty()) {
      say(
          "warm-up changes right after the load (not in the numbers below): %s; first 10: %s",
          Stats.summary(warm), firstTen(warm));
    }
    say("one change (sync): %s", Stats.summary(all));
    say("  first measured change: %s ms, first 10: %s", Stats.ms(all.get(0)), firstTen(all));
    if (nft) {
      say("  of which rendering the update script (timed again after each sync): %s", Stats.summary(render));
      nftParts(opts, seq.current(), opts.get("out", ""));
    }
    long rb2 = System.nanoTime();
    L4Snapshot back2 = plane.installed();
    say(
        "read back after the changes: %s ms, equal to the last snapshot: %s",
        Stats.ms(ms(rb2)), back2.equals(seq.current()));
    long c0 = System.nanoTime();
    plane.close();
    say("close (remove everything): %s ms", Stats.ms(ms(c0)));
    write(opts.get("out", ""));
  }

  /**
   * Spawning nft through the runner; a no-net-change two-element transaction; and a weight
   * update (one destination's weight 1 to 2 and back: the service moves to another pick chain and
   * gains a slot) applied alternately A, B.
   */
  private void nftParts(BenchOptions opts, L4Snapshot current, String out) throws IOException {
    CommandRunner runner = Planes.runner(opts);
    String t = "inet " + Planes.table(opts);
    byte[] script =
        ("add element " + t + " hairpin4 { 192.0.2.1 . 192.0.2.1 }\n"
                + "delete element " + t + " hairpin4 { 192.0.2.1 . 192.0.2.1 }\n")
            .getBytes(StandardCharsets.UTF_8);
    List<Double> version = new ArrayList<>();
    List<Double> tx = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long v0 = System.nanoTime();
      runner.run("nft", "--version");
      version.add(ms(v0));
      long x0 = System.nanoTime();
      runner.run(script, "nft", "-f", "-");
      tx.add(ms(x0));
    }
    say("  nft --version through the runner (process spawn baseline): %s", Stats.summary(version));
    say("  nft -f of a 2-line element script on the loaded table: %s", Stats.summary(tx));
    ServiceKey k = current.services().firstKey();
    List<Destination> d = new ArrayList<>(current.services().get(k));
    d.set(0, d.get(0).withWeight(d.get(0).weight() + 1));
    L4Snapshot other = current.with(k, d);
    String a = NftUpdateRenderer.render(current, other, Planes.table(opts));
    String b = NftUpdateRenderer.render(other, current, Planes.table(opts));
    List<Double> chain = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long c0 = System.nanoTime();
      runner.run((i % 2 == 0 ? a : b).getBytes(StandardCharsets.UTF_8), "nft", "-f", "-");
      chain.add(ms(c0));
    }
    say("  nft -f of a weight-change update script (%d lines) on the loaded table: %s",
        a.split("\n").length, Stats.summary(chain));
    try (NftSession session = NftSession.open(runner)) {
      List<Double> viaSession = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long c0 = System.nanoTime();
        session.apply(i % 2 == 0 ? a : b);
        viaSession.add(ms(c0));
      }
      say("  the same script through one nft -i session: %s", Stats.summary(viaSession));
    }
    if (!out.isEmpty()) {
      Files.writeString(Path.of(out + "-weight-update-a.nft"), a);
      Files.writeString(Path.of(out + "-weight-update-b.nft"), b);
    }
  }

  private static String firstTen(List<Double> xs) {
    List<String> out = new ArrayList<>();
    xs.stream().limit(10).forEach(x -> out.add(Stats.ms(x)));
    return String.join(", ", out);
  }

  private void sample(String phase, int index, String kind, double ms) {
    csv.add(phase + "," + index + "," + kind + "," + Stats.ms(ms));
  }

  private void say(String format, Object... args) {
    String line = String.format(java.util.Locale.ROOT, format, args);
    System.out.println(line);
    System.out.flush();
    lines.add(line);
  }

  private void write(String out) throws IOException {
    if (out.isEmpty()) {
      return;
    }
    Files.write(Path.of(out + ".txt"), lines, StandardCharsets.UTF_8);
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(out + ".csv")))) {
      csv.forEach(w::println);
    }
  }

  private static double ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
