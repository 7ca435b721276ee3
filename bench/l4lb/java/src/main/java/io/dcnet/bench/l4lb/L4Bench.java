package io.dcnet.bench.l4lb;

import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the L4 load-balancer benchmark: {@code serve} keeps a VIP installed (nftables
 * table in a namespace, or the userspace proxy in this process) until standard input closes, for
 * the wrk runs of {@code bench/l4lb/run.sh}; {@code program} times programming 10,000 VIPs from
 * empty and single backend changes on the loaded table.
 *
 * <p>Runs on the main thread only.
 */
public final class L4Bench {
  private static final String USAGE =
      """
      usage:
        serve   --plane nft|userspace [--netns NS] [--table T] --vip ADDR:PORT --backend ADDR:PORT[,...]
                [--extra-services N] [--io-threads N]
        program --plane nft|userspace [--netns NS] [--table T] [--services 10000] [--backends 5]
                [--repeats 5] [--changes 200] [--seed 1] [--vip-base 11.1.0.0] [--port 80]
                [--out FILE]   (FILE.txt summary, FILE.csv samples) [--nft-session on|off]
      nft: with --netns the nft commands run via 'ip netns exec NS'; --nft-session off: every
      update spawns 'nft -f' instead of going through one 'nft -i'; userspace: run the JVM itself
      inside the namespace ('ip netns exec NS java -jar ...').
      """;

  private L4Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.print(USAGE);
      System.exit(2);
    }
    BenchOptions opts;
    try {
      opts = BenchOptions.parse(Arrays.copyOfRange(args, 1, args.length));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    switch (args[0]) {
      case "serve" -> ServeCommand.run(opts);
      case "program" -> ProgramBench.run(opts);
      default -> {
        System.err.println("command: " + args[0] + " (expected: one of " + List.of("serve", "program") + ")");
        System.err.print(USAGE);
        System.exit(2);
      }
    }
  }
}
